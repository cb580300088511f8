package io.lvsdirector.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The epoll set and the raw-descriptor TCP connects of the connect checks, on loopback only. */
class EpollTcpConnectorTest {

    private final TcpConnector connector = new TcpConnector();

    @Test
    void aReadyDescriptorComesBackWithItsTokenAndAWakeUpEndsAWaitWithNothingReady() throws Exception {
        int fd = PollLibC.eventfd(PollLibC.EFD_NONBLOCK | PollLibC.EFD_CLOEXEC);
        try (Epoll epoll = new Epoll(8)) {
            epoll.add(fd, Epoll.EPOLLIN, 42);
            assertEquals(0, epoll.await(10), "nothing is ready yet");
            PollLibC.eventfdSignal(fd);
            assertEquals(1, epoll.await(1000));
            assertEquals(42, epoll.token(0));
            assertEquals(Epoll.EPOLLIN, epoll.events(0));
            PollLibC.eventfdDrain(fd);

            CompletableFuture<Integer> waited = CompletableFuture.supplyAsync(() -> epoll.await(-1));
            Thread.sleep(50);
            epoll.wakeup();
            epoll.wakeup(); // a second wake-up before the waiter ran is no second event
            assertEquals(0, waited.get(5, TimeUnit.SECONDS));
            assertEquals(0, epoll.await(10), "the wake-up was consumed");
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * A wake-up racing with close must neither fail nor write to the closed eventfd's number (which another
     * thread may already have been given). A loop closed right after it started hit this: its thread saw the
     * close flag and closed the set while the closing thread was between the "not closed" check and the write.
     */
    @Test
    void aWakeUpRacingWithCloseNeverWritesToAClosedDescriptor() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int i = 0; i < 3000 && failure.get() == null; i++) {
            Epoll epoll = new Epoll(4);
            java.util.concurrent.CyclicBarrier both = new java.util.concurrent.CyclicBarrier(2);
            Thread closer = new Thread(() -> {
                try {
                    both.await();
                    epoll.close();
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            });
            closer.start();
            both.await();
            try {
                epoll.wakeup();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            closer.join();
        }
        assertNull(failure.get(), () -> "wake-up during close: " + failure.get());
    }

    @Test
    void aDisconnectResetsTheConnectionAndTheSocketConnectsAgain() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                Epoll epoll = new Epoll(8)) {
            InetAddress address = server.getInetAddress();
            int fd = connector.open(address);
            try {
                epoll.add(fd, Epoll.EPOLLOUT | Epoll.EPOLLET, 7);
                for (int i = 0; i < 3; i++) {
                    assertEquals(0, connectOutcome(epoll, fd, address, server.getLocalPort(), true), "connect " + i);
                    try (Socket accepted = server.accept()) {
                        connector.disconnect(fd);
                        // an abort: the peer sees a reset, not an orderly end of stream
                        assertThrows(SocketException.class, () -> accepted.getInputStream().read());
                    }
                    // The disconnect wakes the socket's waiters; the event says so (hang-up, the reset pending).
                    assertEquals(1, epoll.await(1000));
                    assertEquals(Epoll.EPOLLHUP, epoll.events(0) & Epoll.EPOLLHUP);
                }
            } finally {
                connector.close(fd);
            }
        }
    }

    @Test
    void afterARefusedConnectAndADisconnectTheSocketConnects() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int refusing = closedPort(loopback);
        try (ServerSocket server = new ServerSocket(0, 10, loopback); Epoll epoll = new Epoll(8)) {
            int fd = connector.open(loopback);
            try {
                epoll.add(fd, Epoll.EPOLLOUT | Epoll.EPOLLET, 7);
                assertEquals(Errno.ECONNREFUSED, connectOutcome(epoll, fd, loopback, refusing, true));
                connector.disconnect(fd);
                assertEquals(0, connectOutcome(epoll, fd, loopback, server.getLocalPort(), true),
                        "neither the refusal nor the disconnect's own error is reported for the next connect");
                server.accept().close();
                connector.disconnect(fd);
                assertEquals(Errno.ECONNREFUSED, connectOutcome(epoll, fd, loopback, refusing, true));
            } finally {
                connector.close(fd);
            }
        }
    }

    @Test
    void aRefusedConnectReportsEconnrefused() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port = closedPort(loopback);
        try (Epoll epoll = new Epoll(8)) {
            int fd = connector.open(loopback);
            try {
                assertEquals(Errno.ECONNREFUSED, connectOutcome(epoll, fd, loopback, port));
            } finally {
                connector.close(fd);
            }
        }
    }

    @Test
    void failingCallsReportTheirOwnErrno() throws Exception {
        TcpConnector connector = new TcpConnector();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int fd = -1;
        // Each failure's errno is the one its own call saved, read before any other native call.
        assertEquals(Errno.EBADF, connector.connect(fd, loopback, 9));
        ErrnoException e = assertThrows(ErrnoException.class, () -> connector.pendingError(fd));
        assertEquals(Errno.EBADF, e.errno());
        e = assertThrows(ErrnoException.class, () -> connector.disconnect(-1));
        assertEquals(Errno.EBADF, e.errno());
        try (Epoll epoll = new Epoll(8)) {
            e = assertThrows(ErrnoException.class, () -> epoll.add(fd, Epoll.EPOLLIN, 1));
            assertEquals(Errno.EBADF, e.errno());
        }
        int notASocket = PollLibC.eventfd(PollLibC.EFD_CLOEXEC);
        try {
            assertEquals(Errno.ENOTSOCK, connector.connect(notASocket, loopback, 9));
        } finally {
            connector.close(notASocket);
        }
    }

    @Test
    void ipv6SocketsBindToTheSourceAndConnect() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        Assumptions.assumeTrue(hasV6Loopback(), "no ::1 on this machine");
        try (ServerSocket server = new ServerSocket(0, 10, v6); Epoll epoll = new Epoll(8)) {
            int fd = connector.open(v6);
            try {
                connector.bind(fd, v6);
                assertEquals(0, connectOutcome(epoll, fd, v6, server.getLocalPort()));
                try (Socket accepted = server.accept()) {
                    assertTrue(accepted.getInetAddress() instanceof Inet6Address, accepted.toString());
                }
            } finally {
                connector.close(fd);
            }
        }
    }

    /**
     * Connects and waits for the outcome the way a connect check does: 0 or the errno. It also asserts what the
     * check relies on to skip SO_ERROR on success: the readiness event of a completed connect carries neither
     * EPOLLERR nor EPOLLHUP, and that of a failed one carries EPOLLERR with the errno in SO_ERROR.
     */
    private int connectOutcome(Epoll epoll, int fd, InetAddress address, int port) {
        return connectOutcome(epoll, fd, address, port, false);
    }

    /** The same with {@code fd} in {@code epoll} already ({@code added}, with token 7), or not yet. */
    private int connectOutcome(Epoll epoll, int fd, InetAddress address, int port, boolean added) {
        int errno = connector.connect(fd, address, port);
        if (errno != Errno.EINPROGRESS) {
            return errno;
        }
        if (!added) {
            epoll.add(fd, Epoll.EPOLLOUT, 7);
        }
        assertEquals(1, epoll.await(5000), "no readiness within 5 s");
        assertEquals(7, epoll.token(0));
        int events = epoll.events(0);
        int pending = connector.pendingError(fd);
        assertEquals(pending != 0, (events & Epoll.EPOLLERR) != 0, "events " + events + ", SO_ERROR " + pending);
        if (pending == 0) {
            assertEquals(Epoll.EPOLLOUT, events & (Epoll.EPOLLOUT | Epoll.EPOLLERR | Epoll.EPOLLHUP));
        }
        return pending;
    }

    /** A port of {@code address} on which nothing listens (it did a moment ago). */
    private static int closedPort(InetAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, address)) {
            return probe.getLocalPort();
        }
    }

    private static boolean hasV6Loopback() throws IOException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nif.isLoopback() && Collections.list(nif.getInetAddresses()).stream()
                    .anyMatch(a -> a instanceof Inet6Address)) {
                return true;
            }
        }
        return false;
    }
}
