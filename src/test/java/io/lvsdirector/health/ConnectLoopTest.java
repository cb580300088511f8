package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectLoopTest {

    private final ConnectLoop loop = new ConnectLoop("test-loop");

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void tasksAndTimersRunOnTheLoopThreadTimersByDeadlineThenByOrderSet() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
        loop.execute(() -> {
            onLoop.complete(loop.inLoop() && Thread.currentThread().getName().equals("test-loop"));
            loop.setTimer(60, () -> ran.add("60"));
            loop.setTimer(20, () -> ran.add("20a"));
            loop.setTimer(20, () -> ran.add("20b"));
            loop.setTimer(5, () -> ran.add("5"));
            loop.setTimer(80, done::countDown);
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(onLoop.get());
        assertFalse(loop.inLoop());
        assertEquals(List.of("5", "20a", "20b", "60"), ran);
    }

    @Test
    void aCancelledTimerDoesNotRunAndTimersCanBeSetFromOutside() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        ProbeLoop.Timer cancelled = loop.setTimer(10, () -> ran.add("cancelled"));
        loop.setTimer(30, () -> ran.add("kept"));
        cancelled.cancel();
        loop.setTimer(60, done::countDown);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("kept"), ran);
    }

    @Test
    void aTimerIsNotEarly() throws Exception {
        CompletableFuture<Long> firedAfter = new CompletableFuture<>();
        long t0 = System.nanoTime();
        loop.setTimer(50, () -> firedAfter.complete((System.nanoTime() - t0) / 1_000_000));
        assertTrue(firedAfter.get(5, TimeUnit.SECONDS) >= 50, "fired after " + firedAfter.get() + " ms");
    }

    @Test
    void aFailingTaskDoesNotStopTheLoop() throws Exception {
        CountDownLatch after = new CountDownLatch(1);
        loop.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        loop.execute(after::countDown);
        assertTrue(after.await(5, TimeUnit.SECONDS));
    }
}
