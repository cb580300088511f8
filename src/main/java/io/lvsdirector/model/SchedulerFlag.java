package io.lvsdirector.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Scheduler flags (IP_VS_SVC_F_SCHED1..3); their meaning depends on the scheduler. */
public enum SchedulerFlag {
    @JsonProperty("sh-fallback") SH_FALLBACK(Scheduler.sh),
    @JsonProperty("sh-port") SH_PORT(Scheduler.sh),
    @JsonProperty("mh-fallback") MH_FALLBACK(Scheduler.mh),
    @JsonProperty("mh-port") MH_PORT(Scheduler.mh);

    private final Scheduler scheduler;

    SchedulerFlag(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The only scheduler this flag means something to. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The name used in JSON and by ipvsadm. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
