package io.lvsdirector.vrrp;

import java.time.Instant;
import java.util.Optional;

/**
 * What the API shows of one instance: the machine's {@link VrrpStatus} plus the worker's view (interface,
 * wall-clock time of the last transition, and why the instance cannot run if it cannot).
 */
public record VrrpInstanceStatus(VrrpStatus status, String interfaceName, Optional<Instant> lastTransitionAt,
        Optional<String> problem) {

    public String name() {
        return status.name();
    }

    public VrrpState state() {
        return status.state();
    }
}
