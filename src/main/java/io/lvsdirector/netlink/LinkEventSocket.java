package io.lvsdirector.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Link notifications (RTNLGRP_LINK) on a non-blocking socket whose descriptor an event loop can poll together
 * with its other sockets, unlike {@link LinkMonitor}, whose receive timeout (in jiffies) would stall a loop that
 * only wants to look. Lives in the namespace of the opening thread.
 */
public final class LinkEventSocket implements AutoCloseable {

    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCKADDR_NL_LEN = 12;

    private final int fd;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(NetlinkSocket.RECEIVE_BUFFER_BYTES)
            .order(ByteOrder.nativeOrder());
    private final ByteBuffer from = ByteBuffer.allocateDirect(SOCKADDR_NL_LEN).order(ByteOrder.nativeOrder());
    private boolean closed;

    private LinkEventSocket(int fd) {
        this.fd = fd;
    }

    public static LinkEventSocket open() {
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | SOCK_NONBLOCK,
                Netlink.NETLINK_ROUTE);
        try {
            try {
                LibC.setsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, NetlinkSocket.SOCKET_BUFFER_BYTES);
            } catch (ErrnoException e) {
                LibC.setsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, NetlinkSocket.SOCKET_BUFFER_BYTES);
            }
            ByteBuffer addr = ByteBuffer.allocateDirect(SOCKADDR_NL_LEN).order(ByteOrder.nativeOrder());
            addr.putShort(0, (short) LibC.AF_NETLINK);
            LibC.bind(fd, addr);
            LibC.setsockoptInt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, RtNetlink.RTNLGRP_LINK);
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
        return new LinkEventSocket(fd);
    }

    public int fd() {
        return fd;
    }

    /**
     * The link events queued now (empty if none); never blocks. Throws {@link ErrnoException} ENOBUFS when the
     * kernel dropped notifications: re-read the links then.
     */
    public List<LinkEvent> drain() {
        List<LinkEvent> out = new ArrayList<>();
        while (true) {
            buffer.clear();
            from.clear();
            long n;
            try {
                n = LibC.recvfrom(fd, buffer, LibC.MSG_DONTWAIT, from);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    return out;
                }
                throw e;
            }
            buffer.limit((int) Math.min(n, buffer.capacity()));
            for (NlMsg m : NlMsg.parseAll(buffer)) {
                if (m.type() == RtNetlink.RTM_NEWLINK || m.type() == RtNetlink.RTM_DELLINK) {
                    out.add(new LinkEvent(Links.parse(m), m.type() == RtNetlink.RTM_DELLINK));
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
