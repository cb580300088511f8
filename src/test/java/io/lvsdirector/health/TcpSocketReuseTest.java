package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.netlink.LibC;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connect checks reuse their sockets: whatever a check came to (connected, refused, timed out), its socket is
 * disconnected and the next check connects on it. A check that connects stops at the SYN-ACK and answers it
 * with RST, so the server's application never sees it. Real connects on loopback.
 */
class TcpSocketReuseTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ConnectLoops loops = new ConnectLoops(1);
    private final TcpConnectChecker checker = new TcpConnectChecker(loops);

    @AfterEach
    void close() {
        loops.close();
    }

    @Test
    void oneSocketServesCheckAfterCheckWhateverEachCameTo() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, LOOPBACK)) {
            for (int i = 0; i < 3; i++) {
                CheckResult up = check(Fixtures.tcp(), server.getLocalPort());
                assertTrue(up.success(), up.toString());
                assertNothingToAccept(server);
            }
        }
        assertEquals(1, loops.socketsOpened(), "three checks, one socket");

        CheckResult refused = check(Fixtures.tcp(), closedPort());
        assertFalse(refused.success());
        assertTrue(refused.error().contains("refused"), refused.error());

        try (FullListener full = new FullListener()) {
            CheckResult timedOut = check(Fixtures.tcp().withTiming(50, 300, 1, 1), full.port());
            assertEquals("connect timed out after 300 ms", timedOut.error());
        }

        try (ServerSocket server = new ServerSocket(0, 10, LOOPBACK)) {
            CheckResult up = check(Fixtures.tcp(), server.getLocalPort());
            assertTrue(up.success(), "no error of an earlier check is left on the socket: " + up);
        }
        assertEquals(1, loops.socketsOpened(), "the refused and the timed-out check left the socket usable");
    }

    @Test
    void checksInFlightTogetherEachHaveASocketAndThoseAreThenReused() throws Exception {
        try (FullListener full = new FullListener()) {
            HealthCheck slow = Fixtures.tcp().withTiming(50, 300, 1, 1);
            List<CompletableFuture<CheckResult>> together = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                together.add(start(slow, full.port()));
            }
            for (CompletableFuture<CheckResult> f : together) {
                assertFalse(f.get(5, TimeUnit.SECONDS).success());
            }
        }
        assertEquals(3, loops.socketsOpened());
        try (ServerSocket server = new ServerSocket(0, 10, LOOPBACK)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(check(Fixtures.tcp(), server.getLocalPort()).success());
            }
        }
        assertEquals(3, loops.socketsOpened(), "the idle sockets were reused");
    }

    @Test
    void aSourceAddressHasSocketsOfItsOwn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            Map<Integer, String> before = openSockets();
            HealthCheck fromDot2 = Fixtures.tcp().withSourceAddress("127.0.0.2");
            for (int i = 0; i < 2; i++) {
                assertTrue(check(fromDot2, server.getLocalPort()).success());
                assertTrue(check(Fixtures.tcp(), server.getLocalPort()).success());
            }
            // The server never sees a check's connection (SYN, SYN-ACK, RST), so the sockets' own addresses tell.
            List<String> bound = new ArrayList<>();
            openSockets().forEach((fd, socket) -> {
                if (!before.containsValue(socket)) {
                    bound.add(ipv4Address(fd));
                }
            });
            bound.sort(null);
            assertEquals(List.of("0.0.0.0", "127.0.0.2"), bound,
                    "one socket stays bound to the source address across disconnects, one is not bound");
        }
        assertEquals(2, loops.socketsOpened(), "one socket bound to the source, one not");
    }

    @Test
    void theServersApplicationNeverSeesACheck() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, LOOPBACK)) {
            for (int i = 0; i < 5; i++) {
                CheckResult up = check(Fixtures.tcp(), server.getLocalPort());
                assertTrue(up.success(), up.toString());
            }
            // The SYN-ACK made each check UP; the RST in place of the handshake's last ACK made the server's kernel
            // drop the half-open connection instead of queueing it for accept.
            assertNothingToAccept(server);
        }
        assertEquals(1, loops.socketsOpened(), "the held-back ACK outlives the disconnects of one socket");
    }

    @Test
    void closingTheCheckerClosesItsSockets() throws Exception {
        ConnectLoops ownLoops = new ConnectLoops(1);
        TcpConnectChecker own = new TcpConnectChecker(ownLoops);
        Set<String> before = new HashSet<>(openSockets().values());
        try (FullListener full = new FullListener()) {
            HealthCheck slow = Fixtures.tcp().withTiming(50, 300, 1, 1);
            List<CompletableFuture<CheckResult>> together = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                together.add(own.check(new ProbeTarget(slow, "127.0.0.1", full.port())).toCompletionStage()
                        .toCompletableFuture());
            }
            for (CompletableFuture<CheckResult> f : together) {
                f.get(5, TimeUnit.SECONDS);
            }
        }
        Set<String> opened = new HashSet<>(openSockets().values());
        opened.removeAll(before);
        assertEquals(3, ownLoops.socketsOpened());
        assertTrue(opened.size() >= 3, "the pool's sockets are open: " + opened);
        ownLoops.close();
        Set<String> left = new HashSet<>(openSockets().values());
        left.retainAll(opened);
        assertEquals(Set.of(), left, "sockets still open after close");
    }

    /** The process's open sockets: descriptor to "socket:[inode]". */
    private static Map<Integer, String> openSockets() throws IOException {
        Map<Integer, String> sockets = new HashMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:")) {
                        sockets.put(Integer.valueOf(fd.getFileName().toString()), target);
                    }
                } catch (IOException gone) {
                    // closed while listed
                }
            });
        }
        return sockets;
    }

    /** The IPv4 address an IPv4 socket is bound to (getsockname). */
    private static String ipv4Address(int fd) {
        ByteBuffer address = ByteBuffer.allocateDirect(28).order(ByteOrder.nativeOrder()); // room for a sockaddr_in6
        LibC.getsockname(fd, address);
        assertEquals(2, address.getShort(0), "descriptor " + fd + " is an IPv4 (AF_INET) socket");
        return (address.get(4) & 0xff) + "." + (address.get(5) & 0xff) + "." + (address.get(6) & 0xff) + "."
                + (address.get(7) & 0xff);
    }

    /** No connection waits in the listener's queue. */
    private static void assertNothingToAccept(ServerSocket server) throws IOException {
        server.setSoTimeout(100);
        assertThrows(SocketTimeoutException.class, server::accept, "a check's connection reached the application");
    }

    private CheckResult check(HealthCheck check, int port) throws Exception {
        return start(check, port).get(5, TimeUnit.SECONDS);
    }

    private CompletableFuture<CheckResult> start(HealthCheck check, int port) {
        return checker.check(new ProbeTarget(check, "127.0.0.1", port)).toCompletionStage().toCompletableFuture();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort(); // closed again: nothing listens there now
        }
    }

    /** A listener that never accepts, its queue filled: Linux drops further SYNs, so connects time out. */
    private static final class FullListener implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 1, LOOPBACK);
        private final List<Socket> fillers = new ArrayList<>();

        FullListener() throws IOException {
            for (int i = 0; i < 4; i++) {
                Socket s = new Socket();
                try {
                    s.connect(server.getLocalSocketAddress(), 200);
                } catch (IOException dropped) {
                    // the queue is full: what we want
                }
                fillers.add(s);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : fillers) {
                s.close();
            }
            server.close();
        }
    }
}
