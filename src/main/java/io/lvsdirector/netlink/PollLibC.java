package io.lvsdirector.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.LastError;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * libc calls an event loop needs besides {@link LibC}'s socket calls: poll(2) over several descriptors, epoll(7)
 * for many (see {@link Epoll}) and an eventfd(2) to wake the loop from other threads. Kept apart from
 * {@link LibC} so each binding stays small.
 */
public final class PollLibC {

    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;

    interface Api {
        @SaveError int poll(ByteBuffer fds, long nfds, int timeoutMs);

        @SaveError int eventfd(int initval, int flags);

        @SaveError @ssize_t long read(int fd, @Out ByteBuffer buf, @size_t long count);

        @SaveError @ssize_t long write(int fd, @In ByteBuffer buf, @size_t long count);

        @SaveError int epoll_create1(int flags);
    }

    private static final Api API;
    private static final Runtime RUNTIME;

    static {
        API = LibC.load(Api.class);
        RUNTIME = Runtime.getRuntime(API);
    }

    private PollLibC() {
    }

    /**
     * Waits until one of {@code fds} is readable (POLLIN) or {@code timeoutMs} passes (-1: forever). Returns the
     * revents of each descriptor in order (0 when nothing happened). EINTR counts as a timeout.
     */
    public static short[] pollIn(int[] fds, int timeoutMs) {
        // struct pollfd { int fd; short events; short revents; }
        ByteBuffer b = ByteBuffer.allocateDirect(8 * Math.max(1, fds.length)).order(ByteOrder.nativeOrder());
        for (int i = 0; i < fds.length; i++) {
            b.putInt(i * 8, fds[i]);
            b.putShort(i * 8 + 4, POLLIN);
        }
        int rc = API.poll(b, fds.length, timeoutMs);
        short[] revents = new short[fds.length];
        if (rc < 0) {
            int err = LastError.getLastError(RUNTIME);
            if (err == Errno.EINTR) {
                return revents;
            }
            throw new ErrnoException("poll", err);
        }
        for (int i = 0; i < fds.length; i++) {
            revents[i] = b.getShort(i * 8 + 6);
        }
        return revents;
    }

    public static int eventfd(int flags) {
        int fd = API.eventfd(0, flags);
        if (fd < 0) {
            throw new ErrnoException("eventfd", LastError.getLastError(RUNTIME));
        }
        return fd;
    }

    /** Adds 1 to an eventfd's counter (wakes a poll on it). */
    public static void eventfdSignal(int fd) {
        ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        b.putLong(0, 1);
        if (API.write(fd, b, 8) < 0) {
            int err = LastError.getLastError(RUNTIME);
            if (err != Errno.EAGAIN) { // counter saturated: a wake-up is pending anyway
                throw new ErrnoException("write(eventfd)", err);
            }
        }
    }

    static int epollCreate(int flags) {
        int fd = API.epoll_create1(flags);
        if (fd < 0) {
            throw new ErrnoException("epoll_create1", LastError.getLastError(RUNTIME));
        }
        return fd;
    }

    /** Resets a non-blocking eventfd's counter; harmless when it is zero. */
    public static void eventfdDrain(int fd) {
        ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        API.read(fd, b, 8);
    }
}
