package io.lvsdirector.health;

import static io.lvsdirector.health.Fixtures.http;
import static io.lvsdirector.health.Fixtures.httpSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.model.HttpCheckSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plain HTTP checks on the connect loops against servers written with blocking sockets on loopback, so that
 * each test decides byte for byte what the check is sent and what it gets back.
 */
class PlainHttpCheckerTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n";

    private final ConnectLoops loops = new ConnectLoops(1);
    private final PlainHttpChecker checker = new PlainHttpChecker(loops);

    @AfterEach
    void close() {
        loops.close();
    }

    @Test
    void theRequestIsAGetWithHostHeaderAndThePathPercentEncodedWhereNotPrintableAscii() {
        assertEquals("GET /a%20b/%C3%A9?x=1&y=\"%09 HTTP/1.1\r\nHost: svc.example:8080\r\n"
                        + "User-Agent: lvs-director-health\r\nConnection: close\r\n\r\n",
                new String(PlainHttpChecker.request("/a b/\u00e9?x=1&y=\"\t", "svc.example:8080"),
                        StandardCharsets.US_ASCII));
    }

    @Test
    void checksSendTheRequestReuseOneSocketAndLeaveNoConnectionInTimeWait() throws Exception {
        try (Server server = new Server(OK)) {
            for (int i = 0; i < 3; i++) {
                CheckResult up = check(httpSpec("/health", null, null, null, null, null, null), server.port());
                assertTrue(up.success(), up.toString());
            }
            assertEquals(Collections.nCopies(3, request("/health", "127.0.0.1:" + server.port())), server.requests);
            assertEquals(1, loops.socketsOpened(), "three checks, one socket");
            // The check resets its connection after the response: neither side keeps it in TIME_WAIT.
            assertEquals(0, timeWaitSocketsOn(server.port()), "connections of port " + server.port() + " in TIME_WAIT");
        }
    }

    @Test
    void aResponseInSmallPiecesIsReadToTheEndOfItsBody() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nall \r\n5\r\ngood!\r\n0\r\n\r\n";
        try (Server server = new Server(chunked, 7, 5)) {
            CheckResult matched = check(httpSpec("/", null, "^all good!$", null, null, null, null), server.port());
            assertTrue(matched.success(), matched.toString());
            CheckResult mismatch = check(httpSpec("/", null, "bad", null, null, null, null), server.port());
            assertEquals("body does not match pattern bad", mismatch.error());
        }
    }

    @Test
    void aBodyNobodyAskedForIsStillReadToItsEndSoTheServerCanWriteItAll() throws Exception {
        // The head, then the body 100 ms later (as servers that write them apart do): a check that reset the
        // connection after the head would make the second write fail.
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n";
        try (Server server = new Server(head + "hello world\n", head.length(), 100)) {
            CheckResult up = check(HttpCheckSpec.DEFAULT, server.port());
            assertTrue(up.success(), up.toString());
            assertTrue(up.latencyNanos() >= TimeUnit.MILLISECONDS.toNanos(100), "waited for the body: " + up);
            server.awaitServed(1);
            assertEquals(List.of(), server.writeErrors);
        }
    }

    @Test
    void aBodyWithoutLengthIsReadUntilTheServerCloses() throws Exception {
        // Written at once and closed: the body's last bytes and the end of the connection come together.
        try (Server server = new Server("HTTP/1.0 200 OK\r\n\r\nstatus: all good\n")) {
            for (int i = 0; i < 20; i++) {
                CheckResult matched = check(httpSpec("/", null, "all good\n$", null, null, null, null), server.port());
                assertTrue(matched.success(), "check " + i + ": " + matched);
                assertTrue(matched.latencyNanos() < TimeUnit.MILLISECONDS.toNanos(500), "check " + i + ": " + matched);
            }
        }
    }

    @Test
    void aServerThatClosesWithoutAnsweringOrAnswersSomethingElseIsDown() throws Exception {
        try (Server silent = new Server("")) {
            assertEquals("the connection was closed without a response",
                    check(HttpCheckSpec.DEFAULT, silent.port()).error());
        }
        try (Server ssh = new Server("SSH-2.0-OpenSSH_9.2\r\n")) {
            assertEquals("the connection was closed before the end of the response head",
                    check(HttpCheckSpec.DEFAULT, ssh.port()).error());
        }
        try (Server ssh = new Server("SSH-2.0-OpenSSH_9.2\r\n\r\n")) {
            assertEquals("not an HTTP/1 status line: SSH-2.0-OpenSSH_9.2",
                    check(HttpCheckSpec.DEFAULT, ssh.port()).error());
        }
        try (Server notFound = new Server("HTTP/1.1 404 Not Found\r\n\r\n")) {
            assertEquals("status 404, expected [200]", check(HttpCheckSpec.DEFAULT, notFound.port()).error());
        }
        assertEquals(1, loops.socketsOpened(), "every outcome leaves the socket usable");
    }

    @Test
    void refusedAndTimedOutChecksSayWhy() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals("connect: ECONNREFUSED (Connection refused)", check(HttpCheckSpec.DEFAULT, closed).error());
        try (Server mute = new Server(null)) {
            HealthCheck quick = http(CheckType.HTTP, HttpCheckSpec.DEFAULT).withTiming(50, 200, 1, 1);
            CheckResult result = checker.check(new ProbeTarget(quick, "127.0.0.1", mute.port())).toCompletionStage()
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals("no response within 200 ms", result.error());
            assertTrue(result.latencyNanos() >= TimeUnit.MILLISECONDS.toNanos(200), result.toString());
        }
    }

    @Test
    void aProbeStreamRunsOnItsConnectLoop() throws Exception {
        ProbeTarget target = new ProbeTarget(http(CheckType.HTTP, HttpCheckSpec.DEFAULT), "127.0.0.1", 1);
        ProbeLoop loop = checker.loopFor(target);
        assertTrue(loop instanceof ConnectLoop);
        Checker.Probe probe = checker.probe(target);
        CompletableFuture<String> thread = new CompletableFuture<>();
        loop.execute(() -> probe.start(result -> thread.complete(Thread.currentThread().getName() + ": "
                + result.error())));
        assertEquals("health-connect-0: connect: ECONNREFUSED (Connection refused)", thread.get(5, TimeUnit.SECONDS));
    }

    private CheckResult check(HttpCheckSpec spec, int port) throws Exception {
        return checker.check(new ProbeTarget(http(CheckType.HTTP, spec), "127.0.0.1", port)).toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static String request(String path, String host) {
        return new String(PlainHttpChecker.request(path, host), StandardCharsets.US_ASCII);
    }

    /** Sockets of this host in TIME_WAIT with {@code port} at either end (/proc/net/tcp, IPv4). */
    private static long timeWaitSocketsOn(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        return Files.readAllLines(Path.of("/proc/net/tcp")).stream().skip(1)
                .map(line -> line.trim().split("\\s+"))
                .filter(f -> f[3].equals("06") && (f[1].endsWith(hexPort) || f[2].endsWith(hexPort)))
                .count();
    }

    /**
     * A server that reads each connection's request head, records it, writes {@code response} in pieces of
     * {@code piece} bytes {@code pauseMs} apart and closes; a null response is never sent (nor the connection
     * closed).
     */
    private static final class Server implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final List<String> writeErrors = new CopyOnWriteArrayList<>();
        /** Released once per connection the server has finished with. */
        final java.util.concurrent.Semaphore served = new java.util.concurrent.Semaphore(0);
        final Thread thread;

        Server(String response) throws IOException {
            this(response, Integer.MAX_VALUE, 0);
        }

        Server(String response, int piece, long pauseMs) throws IOException {
            thread = new Thread(() -> serve(response, piece, pauseMs), "test-http-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        void awaitServed(int connections) throws InterruptedException {
            assertTrue(served.tryAcquire(connections, 5, TimeUnit.SECONDS), "the server finished its connections");
        }

        private void serve(String response, int piece, long pauseMs) {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    requests.add(readHead(connection.getInputStream()));
                    if (response == null) {
                        held.add(connection);
                        continue;
                    }
                    try (connection) {
                        OutputStream out = connection.getOutputStream();
                        byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
                        for (int i = 0; i < bytes.length; i += piece) {
                            out.write(bytes, i, Math.min(piece, bytes.length - i));
                            out.flush();
                            Thread.sleep(pauseMs);
                        }
                    } catch (IOException e) {
                        writeErrors.add(e.toString()); // the check reset the connection while it was written
                    } finally {
                        served.release();
                    }
                } catch (IOException | InterruptedException e) {
                    // closed
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
