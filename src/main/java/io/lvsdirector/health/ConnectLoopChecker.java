package io.lvsdirector.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A checker whose probes run on the {@link ConnectLoops} ({@link SocketProbe}s): its probe streams live on those
 * loops ({@link #loopFor}), so the timer, the check, its completion and the next timer all happen on one thread,
 * and each stream reuses one probe.
 */
abstract class ConnectLoopChecker implements Checker {

    final ConnectLoops loops;

    ConnectLoopChecker(ConnectLoops loops) {
        this.loops = loops;
    }

    /** The next loop in turn: the home of a new probe stream. */
    @Override
    public final ProbeLoop loopFor(ProbeTarget target) {
        return loops.next();
    }

    /** A one-off check: a probe of its own, run once. */
    @Override
    public final Future<CheckResult> check(ProbeTarget target) {
        Promise<CheckResult> promise = Promise.promise();
        probe(target).start(promise::complete);
        return promise.future();
    }

    /** A stream's probe: what its runs share (parsed addresses, a prepared request, its state) is kept in it. */
    @Override
    public abstract SocketProbe probe(ProbeTarget target);
}
