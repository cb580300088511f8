package io.lvsdirector.health;

import io.vertx.core.Future;

/**
 * Runs one probe without blocking the caller. The returned future always succeeds: a failed probe is
 * a {@link CheckResult} with {@code success=false}, and it completes by the check's timeout at the latest.
 */
public interface Checker {

    Future<CheckResult> check(ProbeTarget target);

    /**
     * The loop on which a probe stream of {@code target} should live because this checker runs its probes
     * there (no hand-over between threads), or null when any event loop will do.
     */
    default ProbeLoop loopFor(ProbeTarget target) {
        return null;
    }
}
