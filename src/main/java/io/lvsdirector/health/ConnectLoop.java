package io.lvsdirector.health;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A selector thread with timers: a {@link ProbeLoop} for checks built on plain NIO channels. Timers,
 * tasks and readiness events all run on the one thread, so a check scheduled on it opens, waits and
 * completes without waking any other thread. Other threads hand tasks over with {@link #execute}.
 */
final class ConnectLoop implements ProbeLoop, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConnectLoop.class);

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Loop thread only; cancelled timers are dropped when they reach the head. */
    private final PriorityQueue<LoopTimer> timers = new PriorityQueue<>();
    private final java.util.concurrent.atomic.AtomicLong timerSequence = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;

    ConnectLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector", e);
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    @Override
    public Timer setTimer(long delayMs, Runnable task) {
        LoopTimer timer = new LoopTimer(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, delayMs)),
                timerSequence.getAndIncrement(), task);
        if (inLoop()) {
            timers.add(timer);
        } else {
            execute(() -> timers.add(timer));
        }
        return timer;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Registers {@code channel} for {@code ops}; {@code ready} gets the key when they are ready. Call it on
     * the loop. The key is the caller's to cancel (closing the channel does it).
     */
    SelectionKey register(SelectableChannel channel, int ops, Consumer<SelectionKey> ready) throws IOException {
        return channel.register(selector, ops, ready);
    }

    boolean isClosed() {
        return closed;
    }

    private void run() {
        while (!closed) {
            try {
                runTasks();
                long waitMs = runDueTimers();
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else {
                    selector.select(waitMs);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    @SuppressWarnings("unchecked")
                    Consumer<SelectionKey> ready = (Consumer<SelectionKey>) key.attachment();
                    ready.accept(key);
                }
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.error("health check loop: a task failed", e);
                }
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Runs the timers that are due; returns the milliseconds to wait for the next one (0: none). */
    private long runDueTimers() {
        while (true) {
            LoopTimer head = timers.peek();
            if (head == null) {
                return 0;
            }
            long remaining = head.deadline - System.nanoTime();
            if (head.cancelled) {
                timers.poll();
            } else if (remaining <= 0) {
                timers.poll();
                head.task.run();
            } else {
                // Round up: waking a little late is harmless, waking early spins.
                return Math.max(1, (remaining + 999_999) / 1_000_000);
            }
        }
    }

    /**
     * Stops the thread, then runs what it left (tasks that start a check see {@link #isClosed} and fail it)
     * and tells every registered channel's owner, so that nobody waits for a loop that is gone.
     */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runTasks();
        for (SelectionKey key : selector.keys()) {
            @SuppressWarnings("unchecked")
            Consumer<SelectionKey> ready = (Consumer<SelectionKey>) key.attachment();
            key.cancel();
            ready.accept(key);
        }
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static final class LoopTimer implements Timer, Comparable<LoopTimer> {
        final long deadline;
        final long sequence;
        final Runnable task;
        volatile boolean cancelled;

        LoopTimer(long deadline, long sequence, Runnable task) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(LoopTimer o) {
            int byTime = Long.compare(deadline - o.deadline, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }
}
