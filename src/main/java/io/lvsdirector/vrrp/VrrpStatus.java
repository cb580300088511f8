package io.lvsdirector.vrrp;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Immutable view of one instance for the status API and metrics. The worker builds it with
 * {@link VrrpStateMachine#status()} after each event and publishes it; readers never touch the machine.
 */
public record VrrpStatus(String name, VrrpState state, Optional<InetAddress> currentMaster,
        Optional<Transition> lastTransition, long masterAdverIntervalNanos, VrrpCounters.Snapshot counters) {
}
