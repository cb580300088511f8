package io.lvsdirector.health;

import io.lvsdirector.netlink.TcpConnector;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * The idle check sockets of one {@link ConnectLoop}, for one address family, one source address and one set of
 * epoll events.
 * After a check its socket is disconnected ({@link TcpConnector#disconnect}: RST to the peer, the port given
 * back) and kept here for the next check instead of closed. A routine connect check then makes two system
 * calls, connect and disconnect, where a fresh socket per check made five (socket, setsockopt for the reset on
 * close, connect, epoll_ctl, close), and the kernel allocates and frees no socket, file or epoll entry per
 * check. Each socket is registered with the loop's epoll set once, edge-triggered, so that the completion of
 * each connect is one event. Loop thread only.
 */
final class TcpSocketPool {

    /** Idle sockets beyond this many are closed: a burst of slow checks does not keep its sockets for ever. */
    static final int MAX_IDLE = 64;

    private final ConnectLoop loop;
    /** Any address of the family the sockets are for. */
    private final InetAddress family;
    private final InetAddress source;
    private final int events;
    private int[] idle = new int[8];
    private int count;

    TcpSocketPool(ConnectLoop loop, InetAddress family, InetAddress source, int events) {
        this.loop = loop;
        this.family = family;
        this.source = source;
        this.events = events;
    }

    /**
     * An idle socket, or a new one: its connects complete at the SYN-ACK with the ACK held back (a disconnect
     * answers it with RST, so the server's application never sees a connect check; a request sent at once
     * carries the ACK), bound to the source address, registered with the loop.
     */
    int take() {
        if (count > 0) {
            return idle[--count];
        }
        TcpConnector connector = loop.connector();
        int fd = connector.open(family);
        try {
            connector.withholdHandshakeAck(fd);
            if (source != null) {
                connector.bind(fd, source);
            }
            loop.register(fd, events);
        } catch (RuntimeException e) {
            connector.close(fd);
            throw e;
        }
        loop.socketOpened();
        return fd;
    }

    /**
     * Disconnects {@code fd}, whatever its check came to, and keeps it for the next check; closes it instead if
     * the disconnect fails or enough sockets are idle. The socket's own next event (the disconnect's wake-up)
     * finds nobody armed and is dropped.
     */
    void release(int fd) {
        loop.disarm(fd);
        try {
            loop.connector().disconnect(fd);
        } catch (RuntimeException e) {
            discard(fd);
            return;
        }
        if (count == MAX_IDLE) {
            discard(fd);
            return;
        }
        if (count == idle.length) {
            idle = Arrays.copyOf(idle, count * 2);
        }
        idle[count++] = fd;
    }

    /** Closes the idle sockets (the loop is shutting down). */
    void closeAll() {
        while (count > 0) {
            discard(idle[--count]);
        }
    }

    private void discard(int fd) {
        loop.forget(fd);
        try {
            loop.connector().close(fd);
        } catch (RuntimeException ignored) {
            // a close that fails has still released the descriptor (Linux)
        }
    }
}
