package io.lvsdirector.netlink;

/**
 * A non-blocking eventfd that other threads signal to wake a loop polling it. A signal and the close exclude
 * each other, and a signal after the close does nothing: the freed number may already belong to another
 * descriptor, which must not be written to.
 */
public final class WakeUpEventFd implements AutoCloseable {

    private final int fd = PollLibC.eventfd(PollLibC.EFD_NONBLOCK | PollLibC.EFD_CLOEXEC);
    /** Guarded by this. */
    private boolean closed;

    /** The descriptor, to poll; valid until {@link #close}. */
    public int fd() {
        return fd;
    }

    /** Wakes the poller, unless closed; from any thread. */
    public synchronized void signal() {
        if (!closed) {
            PollLibC.eventfdSignal(fd);
        }
    }

    /** Resets the counter after a wake-up; by the poller. */
    public void drain() {
        PollLibC.eventfdDrain(fd);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes the descriptor once, however often called; signals from now on do nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
