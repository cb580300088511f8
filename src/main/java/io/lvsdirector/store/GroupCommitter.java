package io.lvsdirector.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Serializes writes and makes them durable, sharing one fsync among the writes that arrive while
 * the previous one is in progress (group commit).
 *
 * <p>A write is applied to the in-memory tip (the newest state, durable or not) under
 * {@code applyLock}, so writes are ordered and each one is planned and validated on its own: one
 * that throws affects nobody else. It then waits until it is durable. If no flush is in progress,
 * the writer becomes the flusher: it writes the tip as it is then, covering its own write and every
 * write applied since the last flush, calls the listeners, and wakes the whole group. Writes that
 * arrive during that fsync pile up and go out together in the next one. With {@code grouping} off
 * every write holds one lock from apply to fsync (one fsync per write), the baseline the benchmark
 * compares against.
 *
 * <p>If a flush fails, its writes fail, and so do writes applied on top of them meanwhile (they
 * were planned against a state that will not exist); the tip goes back to the durable state.
 */
final class GroupCommitter {

    /** Writes a state durably. */
    interface Persister {
        void persist(StoredState state) throws IOException;
    }

    /** A planned write waiting to be durable. {@code done} and {@code failure} are guarded by {@code flushLock}. */
    private static final class Pending {
        final CommitResult result;
        boolean done;
        Throwable failure;

        Pending(CommitResult result) {
            this.result = result;
        }
    }

    private final BiFunction<StoredState, StateChange, CommitResult> planner;
    private final Persister persister;
    private final Consumer<StoredState> onDurable;
    private final boolean grouping;

    private final Object serialLock = new Object();
    private final Object applyLock = new Object();
    private final Object flushLock = new Object();
    /** Guarded by applyLock. */
    private StoredState tip;
    /** Guarded by applyLock; in revision order. */
    private final ArrayDeque<Pending> queued = new ArrayDeque<>();
    private volatile StoredState durable;
    /** Guarded by flushLock: a thread is flushing; at most one at a time, so revisions stay in order. */
    private boolean flushing;

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong flushNanos = new AtomicLong();

    /**
     * @param planner   applies a change to a state and validates it; throws to reject the write
     * @param onDurable called once per new revision, in revision order, after it is durable
     */
    GroupCommitter(StoredState initial, BiFunction<StoredState, StateChange, CommitResult> planner,
            Persister persister, Consumer<StoredState> onDurable, boolean grouping) {
        this.tip = initial;
        this.durable = initial;
        this.planner = planner;
        this.persister = persister;
        this.onDurable = onDurable;
        this.grouping = grouping;
    }

    /** The newest durable state. */
    StoredState durable() {
        return durable;
    }

    /** Writes that made a new revision, and the fsynced file replacements that carried them. */
    CommitStats stats() {
        return new CommitStats(commits.get(), flushes.get(), flushNanos.get(), 0);
    }

    /** Plans {@code change} against the newest state and returns once the outcome is durable. */
    CommitResult commit(StateChange change) {
        if (grouping) {
            return applyAndAwait(change);
        }
        synchronized (serialLock) {
            return applyAndAwait(change);
        }
    }

    private CommitResult applyAndAwait(StateChange change) {
        Pending pending;
        synchronized (applyLock) {
            CommitResult r = planner.apply(tip, change);
            if (r.changes().isEmpty() && tip == durable) {
                return r;
            }
            // A write that changes nothing still waits when the state it saw is not durable yet:
            // its answer ("already so") must not outlive a crash either.
            pending = new Pending(r);
            if (!r.changes().isEmpty()) {
                tip = r.after();
            }
            queued.add(pending);
        }
        awaitDurable(pending);
        if (pending.failure != null) {
            throw new UncheckedIOException("cannot write the state file: " + pending.failure,
                    pending.failure instanceof IOException io ? io : new IOException(pending.failure));
        }
        return pending.result;
    }

    /**
     * Returns once {@code pending} is done, flushing a group itself if no one else is. Waiters are
     * woken as soon as their group is done: they must not queue behind the next group's fsync.
     */
    private void awaitDurable(Pending pending) {
        boolean interrupted = false;
        try {
            synchronized (flushLock) {
                while (!pending.done && flushing) {
                    try {
                        flushLock.wait();
                    } catch (InterruptedException e) {
                        // The write is applied and cannot be withdrawn: wait on, keep the interrupt.
                        interrupted = true;
                    }
                }
                if (pending.done) {
                    return;
                }
                flushing = true;
            }
            // FileChannel aborts I/O on an interrupted thread (ClosedByInterruptException): one
            // cancelled caller must not fail the whole group, so flush uninterrupted.
            interrupted |= Thread.interrupted();
            List<Pending> group = new ArrayList<>();
            Throwable failure = null;
            try {
                failure = flush(group);
            } finally {
                synchronized (flushLock) {
                    for (Pending p : group) {
                        p.done = true;
                        p.failure = failure;
                    }
                    flushing = false;
                    flushLock.notifyAll();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * As the only flusher: moves every queued write into {@code group} and makes the tip, which
     * holds them all, durable with one replace; then tells the listeners. Returns the failure, or null.
     */
    private Throwable flush(List<Pending> group) {
        StoredState target;
        synchronized (applyLock) {
            target = tip;
            group.addAll(queued);
            queued.clear();
        }
        try {
            if (target != durable) {
                long start = System.nanoTime();
                persister.persist(target);
                flushNanos.addAndGet(System.nanoTime() - start);
                flushes.incrementAndGet();
            }
        } catch (IOException | RuntimeException | Error e) {
            synchronized (applyLock) {
                tip = durable;
                group.addAll(queued);
                queued.clear();
            }
            return e;
        }
        durable = target;
        for (Pending p : group) {
            if (!p.result.changes().isEmpty()) {
                commits.incrementAndGet();
                onDurable.accept(p.result.after());
            }
        }
        return null;
    }
}
