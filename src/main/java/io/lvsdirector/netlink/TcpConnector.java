package io.lvsdirector.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Non-blocking TCP connects on plain descriptors, with the system calls a connect check needs and no more:
 * a socket that is non-blocking from the start, SO_LINGER 0, an optional bind, connect, SO_ERROR once the
 * socket is writable, close (a socket API in between adds calls of its own: fcntl, getsockname, poll,
 * epoll_ctl). One instance per thread: it reuses its address and option buffers.
 */
public final class TcpConnector {

    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SO_ERROR = 4;
    private static final int SO_LINGER = 13;

    private final ByteBuffer address = ByteBuffer.allocateDirect(SocketAddresses.SOCKADDR_IN6_LEN)
            .order(ByteOrder.nativeOrder());
    private final ByteBuffer lingerZero = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private final ByteBuffer intOption = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());

    public TcpConnector() {
        lingerZero.putInt(0, 1); // struct linger { l_onoff = 1; l_linger = 0; }
    }

    /** A non-blocking, close-on-exec TCP socket of {@code target}'s address family. */
    public int open(InetAddress target) {
        return LibC.socket(target instanceof Inet6Address ? SocketAddresses.AF_INET6 : SocketAddresses.AF_INET,
                SOCK_STREAM | SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0);
    }

    /** Closing the socket then sends RST at once: no FIN exchange and no TIME_WAIT socket left behind. */
    public void resetOnClose(int fd) {
        LibC.setsockopt(fd, LibC.SOL_SOCKET, SO_LINGER, lingerZero.clear());
    }

    /** Binds to {@code source}, port chosen by the kernel. */
    public void bind(int fd, InetAddress source) {
        SocketAddresses.inet(source, 0, address);
        LibC.bind(fd, address);
    }

    /**
     * Starts connecting. Returns 0 when connected already, EINPROGRESS while connecting (the socket becomes
     * writable when it is done: then ask {@link #pendingError}), otherwise the errno of the failure.
     */
    public int connect(int fd, InetAddress target, int port) {
        SocketAddresses.inet(target, port, address);
        int errno = LibC.connect(fd, address);
        return errno == Errno.EINTR ? Errno.EINPROGRESS : errno; // interrupted: it goes on asynchronously
    }

    /** The outcome of a connect that was in progress: 0 for connected, otherwise its errno (SO_ERROR). */
    public int pendingError(int fd) {
        return LibC.getsockoptInt(fd, LibC.SOL_SOCKET, SO_ERROR, intOption);
    }

    public void close(int fd) {
        LibC.close(fd);
    }
}
