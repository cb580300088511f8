package io.lvsdirector.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.store.StoredState;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReconcileLoopTest {

    @Test
    void aPassIsInTheStatusOnlyOnceItsListenersHaveSeenIt() throws Exception {
        StoredState desired = new StoredState(7, DesiredState.EMPTY, Map.of());
        CountDownLatch listenerEntered = new CountDownLatch(1);
        CountDownLatch releaseListener = new CountDownLatch(1);
        AtomicReference<ReconcileStatus> seenInsideListener = new AtomicReference<>();
        try (ReconcileLoop loop = new ReconcileLoop(InMemoryKernel::new, () -> desired,
                new DesiredTableBuilder()::build, new OwnedServices(null), false, Duration.ofHours(1),
                Clock.systemUTC())) {
            loop.addResultListener(r -> {
                listenerEntered.countDown();
                try {
                    releaseListener.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            loop.addResultListener(r -> seenInsideListener.set(loop.status()));
            loop.start();
            assertTrue(listenerEntered.await(10, TimeUnit.SECONDS), "no pass reached the listener");
            assertNull(loop.status().lastResult(), "the pass was published before its listeners ran");
            releaseListener.countDown();

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (loop.status().lastResult() == null && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(7, loop.status().lastResult().stateRevision());
            assertTrue(loop.status().inSync());
            assertNull(seenInsideListener.get().lastResult(), "a listener saw its own pass in the status");
        }
    }
}
