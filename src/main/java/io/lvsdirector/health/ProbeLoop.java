package io.lvsdirector.health;

/**
 * The thread a probe stream lives on: its timers fire there, its probes start and complete there and its
 * rise/fall bookkeeping runs there, so a routine check never hands work from one thread to another (each
 * hand-over is a wake-up and a context switch, which at thousands of checks a second is most of the CPU).
 * A Vert.x event loop for most checks ({@link VertxProbeLoop}); an epoll thread of the health checks' own for
 * TCP connect and plain HTTP checks ({@link ConnectLoop}).
 */
public interface ProbeLoop {

    /** Runs {@code task} on the loop, later; from any thread. */
    void execute(Runnable task);

    /** Runs {@code task} on the loop after {@code delayMs} (at least 1 ms); call it on the loop. */
    Timer setTimer(long delayMs, Runnable task);

    /** Whether the calling thread is this loop. */
    boolean inLoop();

    /** A pending timer. */
    interface Timer {
        /** Makes sure the task does not run (if it has not yet); from any thread. */
        void cancel();
    }
}
