package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.netlink.Epoll;
import io.lvsdirector.netlink.LibC;
import io.lvsdirector.netlink.PollLibC;
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
        // The tasks are made first, so that the timers are set back to back: a cold JVM can take tens of
        // milliseconds to make its first lambdas, and a deadline is counted from its own setTimer call.
        Runnable at60 = () -> ran.add("60");
        Runnable at20a = () -> ran.add("20a");
        Runnable at20b = () -> ran.add("20b");
        Runnable at5 = () -> ran.add("5");
        Runnable last = done::countDown;
        loop.execute(() -> {
            onLoop.complete(loop.inLoop() && Thread.currentThread().getName().equals("test-loop"));
            loop.setTimer(60, at60);
            loop.setTimer(20, at20a);
            loop.setTimer(20, at20b);
            loop.setTimer(5, at5);
            loop.setTimer(80, last);
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
        // Cancelled well before it is due, even when this thread is held up for a while on a busy machine.
        ProbeLoop.Timer cancelled = loop.setTimer(200, () -> ran.add("cancelled"));
        loop.setTimer(30, () -> ran.add("kept"));
        cancelled.cancel();
        loop.setTimer(300, done::countDown);
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("kept"), ran);
    }

    @Test
    void anArmedDescriptorIsToldOnceOnTheLoopWhenReadyAndNotAfterDisarm() throws Exception {
        int ready = PollLibC.eventfd(PollLibC.EFD_NONBLOCK | PollLibC.EFD_CLOEXEC);
        int forgotten = PollLibC.eventfd(PollLibC.EFD_NONBLOCK | PollLibC.EFD_CLOEXEC);
        try {
            List<String> told = new CopyOnWriteArrayList<>();
            CountDownLatch watching = new CountDownLatch(1);
            loop.execute(() -> {
                loop.register(ready, Epoll.EPOLLIN);
                loop.arm(ready, events -> told.add("ready " + events + " " + loop.inLoop()));
                loop.register(forgotten, Epoll.EPOLLIN);
                loop.arm(forgotten, events -> told.add("forgotten " + events));
                loop.disarm(forgotten);
                watching.countDown();
            });
            assertTrue(watching.await(5, TimeUnit.SECONDS));
            PollLibC.eventfdSignal(forgotten);
            PollLibC.eventfdSignal(ready);
            Await.until("the watch is told", () -> !told.isEmpty());
            PollLibC.eventfdSignal(ready); // one event per arm: not told again
            CountDownLatch later = new CountDownLatch(1);
            loop.setTimer(50, later::countDown);
            assertTrue(later.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("ready " + Epoll.EPOLLIN + " true"), told);
        } finally {
            LibC.close(ready);
            LibC.close(forgotten);
        }
    }

    @Test
    void closingTheLoopTellsItsArmedDescriptorsWithNoEvents() throws Exception {
        int fd = PollLibC.eventfd(PollLibC.EFD_NONBLOCK | PollLibC.EFD_CLOEXEC);
        try {
            CompletableFuture<Integer> told = new CompletableFuture<>();
            CountDownLatch watching = new CountDownLatch(1);
            loop.execute(() -> {
                loop.register(fd, Epoll.EPOLLIN);
                loop.arm(fd, told::complete);
                watching.countDown();
            });
            assertTrue(watching.await(5, TimeUnit.SECONDS));
            loop.close();
            assertEquals(0, told.get(5, TimeUnit.SECONDS));
            assertTrue(loop.isClosed());
        } finally {
            LibC.close(fd);
        }
    }

    @Test
    void aTimerIsNotEarly() throws Exception {
        CompletableFuture<Long> firedAfter = new CompletableFuture<>();
        long t0 = System.nanoTime();
        loop.setTimer(50, () -> firedAfter.complete((System.nanoTime() - t0) / 1_000_000));
        assertTrue(firedAfter.get(5, TimeUnit.SECONDS) >= 50, "fired after " + firedAfter.get() + " ms");
    }

    @Test
    void timersDueWithinOneGranuleShareAWakeUp() throws Exception {
        int timers = 50;
        CountDownLatch fired = new CountDownLatch(timers);
        CompletableFuture<Long> roundsBefore = new CompletableFuture<>();
        loop.execute(() -> { // set on the loop, so that no hand-over wakes it
            roundsBefore.complete(loop.rounds());
            for (int i = 1; i <= timers; i++) {
                loop.setTimer(i, fired::countDown); // one deadline per millisecond
            }
        });
        assertTrue(fired.await(5, TimeUnit.SECONDS));
        long rounds = loop.rounds() - roundsBefore.get();
        // About one wait per 10 ms granule (6 here) and the task's own round; one wait per deadline, without
        // a granularity, was 30-50.
        assertEquals(10, ConnectLoop.TIMER_GRANULARITY_MS);
        assertTrue(rounds <= 10, rounds + " rounds for " + timers + " timers over " + timers + " ms");
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
