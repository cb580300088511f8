package io.lvsdirector.health;

/** Sees every probe result (for metrics), on an event-loop thread: must be quick and must not block. */
@FunctionalInterface
public interface ProbeObserver {

    void probed(ProbeTarget target, CheckResult result);
}
