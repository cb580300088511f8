package io.lvsdirector.api;

import io.lvsdirector.vrrp.DropReason;
import io.lvsdirector.vrrp.VrrpCounters;
import io.lvsdirector.vrrp.VrrpEvent;
import io.lvsdirector.vrrp.VrrpInstanceStatus;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The live state of a VRRP instance as the API shows it. */
@Schema(name = "VrrpInstanceStatus", description = "Live VRRP state of an instance")
record VrrpStatusView(
        String name,
        @Schema(description = "INITIALIZE, BACKUP, MASTER or FAULT") String state,
        String interfaceName,
        @Schema(description = "Primary address of the current master, when known") String currentMaster,
        LastTransition lastTransition,
        @Schema(description = "Why the instance cannot run as configured (e.g. a missing interface); null when fine")
        String problem,
        Counters counters) {

    @Schema(name = "VrrpTransition")
    record LastTransition(Instant at, String from, String to, String reason) {
    }

    @Schema(name = "VrrpCounters")
    record Counters(long advertsSent, long advertsReceived, long priorityZeroSent, long priorityZeroReceived,
            long transitions, long becameMaster,
            @Schema(description = "Received packets dropped, by reason") Map<String, Long> drops) {
    }

    static VrrpStatusView of(VrrpInstanceStatus s) {
        var st = s.status();
        LastTransition last = st.lastTransition()
                .map(t -> new LastTransition(s.lastTransitionAt().orElse(null), t.from().name(), t.to().name(),
                        t.reason().name()))
                .orElse(null);
        VrrpCounters.Snapshot c = st.counters();
        Map<String, Long> drops = new TreeMap<>();
        for (Map.Entry<DropReason, Long> e : c.drops().entrySet()) {
            drops.put(e.getKey().name(), e.getValue());
        }
        return new VrrpStatusView(st.name(), st.state().name(), s.interfaceName(),
                st.currentMaster().map(a -> a.getHostAddress()).orElse(null), last, s.problem().orElse(null),
                new Counters(c.advertsSent(), c.advertsReceived(), c.priorityZeroSent(), c.priorityZeroReceived(),
                        c.transitions(), c.becameMaster(), drops));
    }

    /** One transition, as the events list shows it. */
    @Schema(name = "VrrpEvent")
    record Event(Instant at, String instance, String interfaceName, String from, String to, String reason,
            String master, String problem) {
        static Event of(VrrpEvent e) {
            return new Event(e.at(), e.instance(), e.interfaceName(), String.valueOf(e.from()), String.valueOf(e.to()),
                    String.valueOf(e.reason()), e.master(), e.problem());
        }
    }
}
