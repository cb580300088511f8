package io.lvsdirector.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * One probe's completion, raced against its timeout: whichever comes first wins, later outcomes are
 * ignored. Checkers release their socket in {@link #onDone}, so a late connect cannot leak it.
 */
final class ProbeDeadline {

    private final Promise<CheckResult> promise = Promise.promise();
    private final long startNanos = System.nanoTime();
    private final Vertx vertx;
    private final long timerId;

    ProbeDeadline(Vertx vertx, long timeoutMs, String timeoutMessage) {
        this.vertx = vertx;
        this.timerId = vertx.setTimer(Math.max(1, timeoutMs), id -> fail(timeoutMessage));
    }

    boolean isDone() {
        return promise.future().isComplete();
    }

    void succeed() {
        complete(CheckResult.up(elapsed()));
    }

    void succeed(Integer dynamicWeight) {
        complete(new CheckResult(true, elapsed(), null, dynamicWeight));
    }

    void fail(String error) {
        complete(CheckResult.down(elapsed(), error));
    }

    void fail(Throwable cause) {
        fail(ErrorText.of(cause));
    }

    /** Runs when the probe is over, whichever way (for cleanup). */
    void onDone(Runnable cleanup) {
        promise.future().onComplete(r -> cleanup.run());
    }

    Future<CheckResult> future() {
        return promise.future();
    }

    private void complete(CheckResult result) {
        if (promise.tryComplete(result)) {
            vertx.cancelTimer(timerId);
        }
    }

    private long elapsed() {
        return System.nanoTime() - startNanos;
    }
}
