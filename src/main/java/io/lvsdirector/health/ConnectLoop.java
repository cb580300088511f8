package io.lvsdirector.health;

import io.lvsdirector.netlink.Epoll;
import io.lvsdirector.netlink.TcpConnector;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * An epoll thread with timers: a {@link ProbeLoop} for checks on plain descriptors. Timers, tasks and
 * readiness events all run on the one thread, so a check scheduled on it opens, waits and completes without
 * waking any other thread. Other threads hand tasks over with {@link #execute}.
 *
 * <p>The thread sleeps until the next multiple of {@link #TIMER_GRANULARITY_MS} at or after the next timer's
 * deadline, then runs every timer that is due. Thousands of checks a second then share about a hundred
 * wake-ups instead of one each: a sleep and a wake-up cost more than a connect check's own system calls.
 * A timer therefore fires up to that much late, never early; next to check intervals of a second and
 * timeouts of hundreds of milliseconds that delay does not matter. Timers run granule by granule, and within
 * one granule in the order they were set.
 *
 * <p>A descriptor is registered once and armed for each use ({@link #register}, {@link #arm}): the checks'
 * sockets are kept from check to check ({@link TcpSocketPool}).
 *
 * <p>The timers are kept in a {@link TimerWheel} of granule-wide slots: setting, cancelling and running one
 * is a few pointer updates, where a priority queue of thousands of timers (every check sets a timeout and
 * nearly always cancels it) took a sizeable share of the loop's own CPU.
 */
final class ConnectLoop implements ProbeLoop, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConnectLoop.class);

    /** Told when a registered descriptor is ready (its epoll events), or with 0 when the loop closes under it. */
    interface Readiness {
        void ready(int events);
    }

    static final long TIMER_GRANULARITY_MS = 10;
    private static final long GRANULARITY_NS = TimeUnit.MILLISECONDS.toNanos(TIMER_GRANULARITY_MS);

    private final Epoll epoll = new Epoll(256);
    private final TcpConnector connector = new TcpConnector();
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /** Loop thread only. */
    private final TimerWheel timers;
    /**
     * Loop thread only: the watch of each descriptor, indexed by descriptor number. A watch's token is its
     * descriptor and a generation, so that an event for a descriptor that was closed (and its number reused)
     * in the meantime finds no watch.
     */
    private Watch[] watches = new Watch[1024];
    private int generation;
    /** Loop thread only. */
    private final Map<PoolKey, TcpSocketPool> socketPools = new HashMap<>();
    /** Written by the loop thread only. */
    private volatile long socketsOpened;
    /** Turns of the loop (each one wait for events); read by tests. */
    private volatile long rounds;
    private volatile boolean closed;
    /** Set by the thread when it starts shutting down. */
    private volatile boolean terminated;

    ConnectLoop(String name) {
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        timers = new TimerWheel(System.nanoTime(), GRANULARITY_NS, thread);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (terminated) {
            // The thread has shut down (its last look at the queue may have come before this task): run it here.
            // Set before the thread's last look, so one of the two runs the task.
            runTasks();
        } else if (!inLoop()) {
            epoll.wakeup();
        }
    }

    @Override
    public Timer setTimer(long delayMs, Runnable task) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, delayMs));
        if (inLoop()) {
            return timers.add(deadline, task);
        }
        LoopTimer timer = new LoopTimer();
        execute(() -> timer.set(timers.add(deadline, task)));
        return timer;
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The loop's socket calls; use it on the loop only. */
    TcpConnector connector() {
        return connector;
    }

    /**
     * Adds {@code fd} to the loop's epoll set for good, edge-triggered (one event each time it wakes its waiters):
     * before each use, {@link #arm} says who is told of its next event. Call it on the loop; call {@link #forget}
     * before closing the descriptor.
     */
    void register(int fd, int events) {
        Watch w = new Watch(nextToken(fd));
        epoll.add(fd, events | Epoll.EPOLLET, w.token);
        if (fd >= watches.length) {
            watches = Arrays.copyOf(watches, Math.max(fd + 1, watches.length * 2));
        }
        watches[fd] = w;
    }

    /** Tells {@code readiness} of the next event of the {@link #register registered} {@code fd}; on the loop. */
    void arm(int fd, Readiness readiness) {
        Watch w = fd < watches.length ? watches[fd] : null;
        if (w == null) {
            throw new IllegalStateException("descriptor " + fd + " is not registered");
        }
        w.readiness = readiness;
    }

    /** Nobody is told of {@code fd}'s next event (it stays registered); on the loop. */
    void disarm(int fd) {
        Watch w = fd < watches.length ? watches[fd] : null;
        if (w != null) {
            w.readiness = null;
        }
    }

    /** Forgets {@code fd} altogether, before it is closed; on the loop. */
    void forget(int fd) {
        if (fd < watches.length) {
            watches[fd] = null;
        }
    }

    /**
     * The idle check sockets for targets of this family and this source address (null: any), registered for
     * these epoll {@code events} (EPOLLOUT for a connect check; EPOLLIN as well for an exchange); on the loop.
     */
    TcpSocketPool socketPool(InetAddress target, InetAddress source, int events) {
        return socketPools.computeIfAbsent(new PoolKey(target instanceof Inet6Address, source, events),
                key -> new TcpSocketPool(this, target, source, events));
    }

    /** Sockets the loop's pools have opened so far (read by tests). */
    long socketsOpened() {
        return socketsOpened;
    }

    void socketOpened() {
        socketsOpened++;
    }

    private long nextToken(int fd) {
        return ((long) (generation++ & 0x7fffffff) << 32) | fd;
    }

    boolean isClosed() {
        return closed;
    }

    /** How many times the loop has waited for events so far. */
    long rounds() {
        return rounds;
    }

    private void run() {
        try {
            while (!closed) {
                try {
                    runRound();
                } catch (RuntimeException e) {
                    if (!closed) {
                        LOG.error("health check loop: a task failed", e);
                    }
                }
            }
        } finally {
            shutDown();
        }
    }

    /**
     * The loop's last work, on its own thread, so that nothing else touches its state: runs the tasks left
     * (tasks that start a check see {@link #isClosed} and fail it), tells every watch with no events, so that
     * nobody waits for a loop that is gone, and closes the pooled sockets and the epoll set. Tasks handed over
     * after this run on the thread that hands them over ({@link #execute}).
     */
    private void shutDown() {
        terminated = true;
        runTasks();
        Watch[] left = watches;
        watches = new Watch[0];
        for (Watch w : left) {
            if (w != null && w.readiness != null) {
                try {
                    w.readiness.ready(0);
                } catch (RuntimeException e) {
                    LOG.error("health check loop: a readiness handler failed", e);
                }
            }
        }
        socketPools.values().forEach(TcpSocketPool::closeAll);
        epoll.close();
    }

    /**
     * One turn of the loop. A method of its own so that the JIT compiles it: the loop above is entered once
     * and turns about a hundred times a second, so it would wait minutes for an on-stack-replacement
     * compilation, and until then every turn (and every call out of it) would run in the interpreter.
     */
    private void runRound() {
        runTasks();
        long waitMs = runDueTimers();
        int ready = epoll.await(!tasks.isEmpty() ? 0 : (int) Math.min(waitMs, Integer.MAX_VALUE));
        rounds++; // only this thread writes it
        for (int i = 0; i < ready && !closed; i++) {
            dispatch(epoll.token(i), epoll.events(i));
        }
    }

    private void dispatch(long token, int events) {
        int fd = (int) token;
        Watch w = fd < watches.length ? watches[fd] : null;
        if (w != null && w.token == token && w.readiness != null) {
            Readiness readiness = w.readiness;
            w.readiness = null; // one event per arm
            try {
                readiness.ready(events);
            } catch (RuntimeException e) { // the other ready descriptors of this round are still told
                LOG.error("health check loop: a readiness handler failed", e);
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /**
     * Runs the timers that are due; returns the milliseconds to wait until the end of the next granule that
     * holds a timer (-1: no timer).
     */
    private long runDueTimers() {
        long now = System.nanoTime();
        timers.runDue(now);
        long wakeAt = timers.nextWakeUp();
        // Round up: waking a little late is harmless, waking early spins.
        return wakeAt == Long.MAX_VALUE ? -1 : Math.max(1, (wakeAt - now + 999_999) / 1_000_000);
    }

    /** Stops the thread, which then {@link #shutDown shuts down}, and waits a second for it. */
    @Override
    public void close() {
        closed = true;
        epoll.wakeup();
        if (inLoop()) {
            return;
        }
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("health check loop %s is still busy a second after it was closed", thread.getName());
        }
    }

    /** A descriptor's place in the epoll set: who is told of its next event (null: nobody). */
    private static final class Watch {
        final long token;
        Readiness readiness;

        Watch(long token) {
            this.token = token;
        }
    }

    private record PoolKey(boolean ipv6, InetAddress source, int events) {
    }

    /**
     * A timer set from outside the loop: the wheel's own timer exists only once the loop has added it, so a
     * cancel that comes first is remembered and applied then.
     */
    private static final class LoopTimer implements Timer {
        private TimerWheel.WheelTimer timer;
        private boolean cancelled;

        synchronized void set(TimerWheel.WheelTimer added) {
            timer = added;
            if (cancelled) {
                added.cancel();
            }
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
