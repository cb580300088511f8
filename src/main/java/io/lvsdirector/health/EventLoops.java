package io.lvsdirector.health;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads probe streams over the event loops. A timer set from a thread outside Vert.x sticks to one
 * context, which would put every probe on a single event loop; so one context per event loop is
 * obtained (through the public API: a no-op verticle deployed once per loop) and handed out in turn.
 * Until the deployment is done, the caller's context is used.
 */
final class EventLoops {

    private final Vertx vertx;
    private final List<Context> contexts = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile String deploymentId;

    EventLoops(Vertx vertx, int count) {
        this.vertx = vertx;
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                contexts.add(context);
            }
        }, new DeploymentOptions().setInstances(count)).onSuccess(id -> deploymentId = id);
    }

    Context next() {
        int size = contexts.size();
        return size == 0 ? vertx.getOrCreateContext() : contexts.get(Math.floorMod(next.getAndIncrement(), size));
    }

    void close() {
        String id = deploymentId;
        if (id != null) {
            vertx.undeploy(id);
        }
    }
}
