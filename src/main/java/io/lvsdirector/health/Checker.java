package io.lvsdirector.health;

import io.vertx.core.Future;
import java.util.function.Consumer;

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

    /**
     * The probe a stream of {@code target} runs again and again. A checker whose probes are frequent and
     * cheap keeps what they share in it (a parsed address, the probe's own state), so that a routine probe
     * allocates and parses nothing; by default each run is a {@link #check}.
     */
    default Probe probe(ProbeTarget target) {
        return done -> {
            long start = System.nanoTime();
            Future<CheckResult> result;
            try {
                result = check(target);
            } catch (RuntimeException e) {
                done.accept(CheckResult.down(System.nanoTime() - start, "check failed to start: " + ErrorText.of(e)));
                return;
            }
            result.onComplete(ar -> done.accept(ar.succeeded() ? ar.result()
                    : CheckResult.down(System.nanoTime() - start, ErrorText.of(ar.cause()))));
        };
    }

    /** A probe of one target, run by its stream one at a time. */
    interface Probe {
        /**
         * Starts a run from the stream's loop; {@code done} is told its result once (on the loop, or on the
         * thread that completed it), by the check's timeout at the latest. Runs never overlap.
         */
        void start(Consumer<CheckResult> done);
    }
}
