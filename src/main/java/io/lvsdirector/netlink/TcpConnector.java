package io.lvsdirector.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Non-blocking TCP connects on plain descriptors, with the system calls a connect check needs and no more:
 * a connect, SO_ERROR only when the connect failed, and a disconnect that makes the socket ready for the next
 * connect (a socket API in between adds calls of its own: fcntl, getsockname, poll, epoll_ctl); and a send and
 * a receive for a check that exchanges a request and a response on the connection. Opening (a socket that is
 * non-blocking from the start, an optional bind) and closing are for when a socket is first needed or no
 * longer kept. The calls go through {@link HotCalls}, without jnr-ffi's per-call boxing. One instance per
 * thread: it reuses its address, option and data buffers.
 */
public final class TcpConnector {

    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SO_ERROR = 4;
    private static final int IPPROTO_TCP = 6;
    private static final int TCP_DEFER_ACCEPT = 9;
    /** No SIGPIPE when the peer has gone: the send fails with EPIPE instead. */
    private static final int MSG_NOSIGNAL = 0x4000;
    /** What {@link #receive} returns when nothing is there to read yet. */
    public static final int NOTHING_YET = -1;
    private static final int RECEIVE_BUFFER = 16 * 1024;

    // The buffers are fields so that they stay reachable while the kernel reads or writes their addresses.
    private final ByteBuffer address = ByteBuffer.allocateDirect(SocketAddresses.SOCKADDR_IN6_LEN)
            .order(ByteOrder.nativeOrder());
    private final long addressPtr = HotCalls.address(address);
    /** A sockaddr of family AF_UNSPEC (0): connecting to it disconnects. */
    private final ByteBuffer unspecified = ByteBuffer.allocateDirect(SocketAddresses.SOCKADDR_IN6_LEN)
            .order(ByteOrder.nativeOrder());
    private final long unspecifiedPtr = HotCalls.address(unspecified);
    /** A socket's own address, for getsockname (rarely used: see {@link #connectedToItself}). */
    private final ByteBuffer local = ByteBuffer.allocateDirect(SocketAddresses.SOCKADDR_IN6_LEN)
            .order(ByteOrder.nativeOrder());
    /** An int option's value at 0 and its socklen_t length at 4, for getsockopt. */
    private final ByteBuffer intOption = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private final long intOptionPtr = HotCalls.address(intOption);

    private ByteBuffer sendBuffer = ByteBuffer.allocateDirect(1024);
    private long sendBufferPtr = HotCalls.address(sendBuffer);
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER);
    private final long receiveBufferPtr = HotCalls.address(receiveBuffer);

    /** A non-blocking, close-on-exec TCP socket of {@code target}'s address family. */
    public int open(InetAddress target) {
        int fd = HotCalls.socket(target instanceof Inet6Address ? SocketAddresses.AF_INET6 : SocketAddresses.AF_INET,
                SOCK_STREAM | SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new ErrnoException("socket", HotCalls.errno());
        }
        return fd;
    }

    /**
     * Makes every later connect on {@code fd} end with the handshake half done on the wire: the peer's SYN-ACK
     * completes the connect (the socket is connected and writable), but the ACK that would answer it is held
     * back, as it is when data is about to follow. A {@link #disconnect} within the 200 ms before that ACK goes
     * anyway then sends RST in its place, so the exchange is SYN, SYN-ACK, RST: the peer's kernel drops its
     * half-open request and its application never sees a connection (a later disconnect resets an established
     * connection, as without this). Linux holds the ACK back for a connecting socket with TCP_DEFER_ACCEPT set,
     * and a disconnect leaves that option set (TCP_QUICKACK, the other way, is reset by every disconnect).
     */
    public void withholdHandshakeAck(int fd) {
        LibC.setsockoptInt(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, 1);
    }

    /**
     * Makes a TCP socket ready to connect again, whatever its last connect came to (Linux: connect to an
     * AF_UNSPEC address, which disconnects). A connection is reset with RST at once (no FIN exchange, no
     * TIME_WAIT socket left behind), a connect in progress is abandoned, a failure is forgotten, and the local
     * port goes back to the kernel (a bound source address stays). The next connect clears the error this
     * leaves pending (ECONNRESET).
     */
    public void disconnect(int fd) {
        if (HotCalls.connect(fd, unspecifiedPtr, unspecified.capacity()) < 0) {
            throw new ErrnoException("connect(AF_UNSPEC)", HotCalls.errno());
        }
    }

    /** Binds to {@code source}, port chosen by the kernel. */
    public void bind(int fd, InetAddress source) {
        SocketAddresses.inet(source, 0, address);
        LibC.bind(fd, address);
    }

    /**
     * Starts connecting. Returns 0 when connected already, EINPROGRESS while connecting (the socket becomes
     * writable when it is done: connected, unless the event carries EPOLLERR or EPOLLHUP, and then
     * {@link #pendingError} names the failure), otherwise the errno of the failure.
     */
    public int connect(int fd, InetAddress target, int port) {
        SocketAddresses.inet(target, port, address);
        if (HotCalls.connect(fd, addressPtr, address.remaining()) == 0) {
            return 0;
        }
        int errno = HotCalls.errno();
        return errno == Errno.EINTR ? Errno.EINPROGRESS : errno; // interrupted: it goes on asynchronously
    }

    /** The outcome of a connect that was in progress: 0 for connected, otherwise its errno (SO_ERROR). */
    public int pendingError(int fd) {
        intOption.putInt(4, 4);
        if (HotCalls.getsockopt(fd, LibC.SOL_SOCKET, SO_ERROR, intOptionPtr, intOptionPtr + 4) < 0) {
            throw new ErrnoException("getsockopt(SO_ERROR)", HotCalls.errno());
        }
        return intOption.getInt(0);
    }

    /**
     * Whether {@code fd}, connected to {@code target}:{@code port}, is connected to itself: its own address and
     * port are the target's. A connect to a port of this host on which nothing listens meets itself when the
     * kernel happens to pick that very port as the local one (TCP simultaneous open), and then succeeds.
     */
    public boolean connectedToItself(int fd, InetAddress target, int port) {
        local.clear();
        LibC.getsockname(fd, local);
        int localPort = (local.get(2) & 0xff) << 8 | local.get(3) & 0xff; // network order
        return localPort == port && SocketAddresses.parse(local).equals(target);
    }

    /**
     * Sends {@code length} bytes of {@code data} from {@code offset} without blocking; returns how many the
     * socket took (0 when its buffer is full). A peer that has gone is an {@link ErrnoException} (EPIPE,
     * ECONNRESET), not a signal.
     */
    public int send(int fd, byte[] data, int offset, int length) {
        if (length > sendBuffer.capacity()) {
            sendBuffer = ByteBuffer.allocateDirect(Integer.highestOneBit(length) << 1);
            sendBufferPtr = HotCalls.address(sendBuffer);
        }
        sendBuffer.clear();
        sendBuffer.put(data, offset, length);
        while (true) {
            long sent = HotCalls.send(fd, sendBufferPtr, length, MSG_NOSIGNAL | LibC.MSG_DONTWAIT);
            if (sent >= 0) {
                return (int) sent;
            }
            int errno = HotCalls.errno();
            if (errno == Errno.EAGAIN) {
                return 0;
            }
            if (errno != Errno.EINTR) {
                throw new ErrnoException("send", errno);
            }
        }
    }

    /**
     * Receives without blocking into {@code into}, up to its length (at most 16 KiB a call); returns how many
     * bytes came, 0 at the end of the stream (the peer closed its side), or {@link #NOTHING_YET}. A reset
     * connection is an {@link ErrnoException}. A return short of what was asked for means the socket held no
     * more at that moment: more data will wake an edge-triggered waiter again.
     */
    public int receive(int fd, byte[] into) {
        int length = Math.min(into.length, RECEIVE_BUFFER);
        while (true) {
            long received = HotCalls.recv(fd, receiveBufferPtr, length, LibC.MSG_DONTWAIT);
            if (received >= 0) {
                receiveBuffer.get(0, into, 0, (int) received);
                return (int) received;
            }
            int errno = HotCalls.errno();
            if (errno == Errno.EAGAIN) {
                return NOTHING_YET;
            }
            if (errno != Errno.EINTR) {
                throw new ErrnoException("recv", errno);
            }
        }
    }

    public void close(int fd) {
        LibC.close(fd);
    }
}
