package io.lvsdirector.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the tests that run real servers and probes on loopback, each with its own Vert.x. */
abstract class LoopbackTest {

    protected Vertx vertx;
    protected CheckRunner runner;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        runner = new CheckRunner(vertx, 2);
    }

    @AfterEach
    void stopVertx() throws Exception {
        runner.close();
        await(vertx.close());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(Await.GENEROUS.toSeconds(), TimeUnit.SECONDS);
    }

    CheckResult probe(ProbeTarget target) throws Exception {
        return await(runner.check(target));
    }
}
