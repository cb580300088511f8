package io.lvsdirector.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An epoll(7) set with an eventfd that wakes its waiter: the readiness half of an event loop over plain
 * descriptors. One thread calls {@link #await} and reads the ready list; any thread may {@link #wakeup}.
 * A descriptor is added with a token of the caller's choosing, which comes back with its events; closing
 * the descriptor takes it out of the set.
 */
public final class Epoll implements AutoCloseable {

    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    /** The peer closed its side of a stream (shutdown of writing, or FIN for TCP). */
    public static final int EPOLLRDHUP = 0x2000;
    /** Edge-triggered: one event each time the descriptor wakes its waiters, not for as long as it is ready. */
    public static final int EPOLLET = 1 << 31;

    private static final int EPOLL_CLOEXEC = 0x80000;
    private static final int EPOLL_CTL_ADD = 1;
    /** The eventfd's token; callers' tokens must differ from it. */
    public static final long WAKE_TOKEN = -1L;
    // struct epoll_event { uint32_t events; uint64_t data; } is packed on x86-64 (12 bytes), aligned elsewhere.
    private static final boolean PACKED = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
        case "amd64", "x86_64" -> true;
        default -> false;
    };
    private static final int EVENT_SIZE = PACKED ? 12 : 16;
    private static final int DATA_OFFSET = PACKED ? 4 : 8;

    private final int epfd;
    private final WakeUpEventFd wakeFd;
    private final int maxEvents;
    // Buffers are fields so that they stay reachable while the kernel uses their addresses (HotCalls).
    private final ByteBuffer ctlEvent = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
    private final long ctlEventPtr = HotCalls.address(ctlEvent);
    private final ByteBuffer readyBuffer;
    private final long readyBufferPtr;
    private final long[] readyTokens;
    private final int[] readyEvents;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A set that reports at most {@code maxEvents} ready descriptors per {@link #await}. */
    public Epoll(int maxEvents) {
        this.maxEvents = maxEvents;
        readyBuffer = ByteBuffer.allocateDirect(EVENT_SIZE * maxEvents).order(ByteOrder.nativeOrder());
        readyBufferPtr = HotCalls.address(readyBuffer);
        readyTokens = new long[maxEvents];
        readyEvents = new int[maxEvents];
        epfd = PollLibC.epollCreate(EPOLL_CLOEXEC);
        try {
            wakeFd = new WakeUpEventFd();
        } catch (RuntimeException e) {
            LibC.close(epfd);
            throw e;
        }
        add(wakeFd.fd(), EPOLLIN, WAKE_TOKEN);
    }

    /** Adds {@code fd}, waiting for {@code events} (EPOLLERR and EPOLLHUP always count); from the waiting thread. */
    public void add(int fd, int events, long token) {
        ctlEvent.putInt(0, events);
        ctlEvent.putLong(DATA_OFFSET, token);
        if (HotCalls.epollCtl(epfd, EPOLL_CTL_ADD, fd, ctlEventPtr) < 0) {
            throw new ErrnoException("epoll_ctl", HotCalls.errno());
        }
    }

    /**
     * Waits up to {@code timeoutMs} (-1: no limit) for ready descriptors or a wake-up; returns how many
     * descriptors are ready (0 after a wake-up or a timeout). Read them with {@link #token} and {@link #events}.
     */
    public int await(int timeoutMs) {
        int n = HotCalls.epollWait(epfd, readyBufferPtr, maxEvents, timeoutMs);
        if (n < 0) {
            int errno = HotCalls.errno();
            if (errno != Errno.EINTR) {
                throw new ErrnoException("epoll_wait", errno);
            }
            return 0; // a signal: as if nothing were ready
        }
        int ready = 0;
        for (int i = 0; i < n; i++) {
            long token = readyBuffer.getLong(i * EVENT_SIZE + DATA_OFFSET);
            if (token == WAKE_TOKEN) {
                wakeFd.drain();
                wakePending.set(false); // after the drain: a wake-up from now on writes again
            } else {
                readyTokens[ready] = token;
                readyEvents[ready] = readyBuffer.getInt(i * EVENT_SIZE);
                ready++;
            }
        }
        return ready;
    }

    /** The token of the {@code i}th ready descriptor of the last {@link #await}. */
    public long token(int i) {
        return readyTokens[i];
    }

    /** The events (EPOLLOUT, EPOLLERR, ...) of the {@code i}th ready descriptor of the last {@link #await}. */
    public int events(int i) {
        return readyEvents[i];
    }

    /** Makes the current or next {@link #await} return; from any thread. One write however many callers. */
    public void wakeup() {
        if (!wakePending.getAndSet(true)) {
            wakeFd.signal(); // nothing once closed (see WakeUpEventFd)
        }
    }

    /** Closes both descriptors; only once however often called. Call it when no thread waits any more. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            wakeFd.close();
            LibC.close(epfd);
        }
    }
}
