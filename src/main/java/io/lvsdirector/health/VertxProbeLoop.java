package io.lvsdirector.health;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** A probe loop on one Vert.x context (one event loop), for checks that use Vert.x clients. */
final class VertxProbeLoop implements ProbeLoop {

    private final Vertx vertx;
    private final Context context;

    VertxProbeLoop(Vertx vertx, Context context) {
        this.vertx = vertx;
        this.context = context;
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    @Override
    public Timer setTimer(long delayMs, Runnable task) {
        long id = vertx.setTimer(Math.max(1, delayMs), t -> task.run());
        return () -> vertx.cancelTimer(id);
    }

    @Override
    public boolean inLoop() {
        return Vertx.currentContext() == context;
    }
}
