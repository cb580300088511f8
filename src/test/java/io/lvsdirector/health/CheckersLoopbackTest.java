package io.lvsdirector.health;

import static io.lvsdirector.health.Fixtures.check;
import static io.lvsdirector.health.Fixtures.http;
import static io.lvsdirector.health.Fixtures.httpSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.DnsCheckSpec;
import io.lvsdirector.model.DnsQueryType;
import io.lvsdirector.model.DnsRcode;
import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.model.PayloadEncoding;
import io.lvsdirector.model.UdpCheckSpec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetServer;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every checker against a real server on loopback, one probe at a time. */
class CheckersLoopbackTest extends LoopbackTest {

    private static final String BODY = "status: all good\n";

    @Test
    void tcpIsUpWhenListeningAndDownWithTheReasonWhenNot() throws Exception {
        // A plain listening socket: once closed it refuses at once. (A Vert.x server's close completes a moment
        // before its listening socket is gone: a connect right after it was accepted in about 1 of 12 tries.)
        java.net.ServerSocket server = new java.net.ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        int port = server.getLocalPort();
        CheckResult up = probe(new ProbeTarget(Fixtures.tcp(), "127.0.0.1", port));
        assertTrue(up.success(), up.toString());
        assertNull(up.error());
        server.close();
        CheckResult down = probe(new ProbeTarget(Fixtures.tcp(), "127.0.0.1", port));
        assertFalse(down.success());
        assertTrue(down.error().contains("refused"), down.error());
    }

    @Test
    void tcpTimesOutWhenTheListenerDropsConnects() throws Exception {
        // A listener that never accepts: once its accept queue is full, Linux drops further SYNs.
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket s = new java.net.Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                    } catch (java.io.IOException dropped) {
                        // the queue is full: what we wanted
                    }
                    fillers.add(s);
                }
                HealthCheck quick = Fixtures.tcp().withTiming(50, 300, 1, 1);
                CheckResult result = probe(new ProbeTarget(quick, "127.0.0.1", full.getLocalPort()));
                assertFalse(result.success());
                assertEquals("connect timed out after 300 ms", result.error());
            } finally {
                for (java.net.Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void tcpHttpAndDnsOverIpv6Loopback() throws Exception {
        Assumptions.assumeTrue(hasIpv6Loopback(), "no ::1 on this machine");
        NetServer server = await(vertx.createNetServer().connectHandler(s -> { }).listen(0, "::1"));
        assertTrue(probe(new ProbeTarget(Fixtures.tcp(), "::1", server.actualPort())).success());
        int httpPort = await(vertx.createHttpServer()
                .requestHandler(r -> r.response().setStatusCode("[::1]:8080".equals(r.getHeader("Host")) ? 500 : 200)
                        .end(r.getHeader("Host")))
                .listen(0, "::1")).actualPort();
        CheckResult http = probe(new ProbeTarget(http(CheckType.HTTP, httpSpec("/", null, "^\\[::1\\]:\\d+$", null,
                null, null, null)), "::1", httpPort));
        assertTrue(http.success(), "Host header is the bracketed literal with the port: " + http);
        DatagramSocket dns = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(true));
        dns.handler(p -> dns.send(Buffer.buffer(TinyDnsResponder.answer(p.data().getBytes())), p.sender().port(),
                p.sender().host()));
        int dnsPort = await(dns.listen(0, "::1")).localAddress().port();
        assertTrue(probe(new ProbeTarget(check(CheckType.DNS, null, null, new DnsCheckSpec("www.test", null, null),
                null), "::1", dnsPort)).success());
    }

    @Test
    void sourceAddressIsTheLocalAddressOfTheProbe() throws Exception {
        Set<String> peers = ConcurrentHashMap.newKeySet();
        int port = await(vertx.createHttpServer().requestHandler(r -> {
            peers.add(r.remoteAddress().host());
            r.response().end();
        }).listen(0, "127.0.0.1")).actualPort();
        HealthCheck httpFromDot2 = http(CheckType.HTTP, httpSpec("/", null, null, null, null, null, null))
                .withSourceAddress("127.0.0.2");
        assertTrue(probe(new ProbeTarget(httpFromDot2, "127.0.0.1", port)).success());
        assertEquals(Set.of("127.0.0.2"), peers);

        // A TCP check never reaches the server's application (SYN, SYN-ACK, RST; TcpSocketReuseTest reads the
        // address its sockets are bound to); an address this host does not have cannot be its source.
        assertTrue(probe(new ProbeTarget(Fixtures.tcp().withSourceAddress("127.0.0.2"), "127.0.0.1", port))
                .success());
        CheckResult foreign = probe(new ProbeTarget(Fixtures.tcp().withSourceAddress("192.0.2.1"), "127.0.0.1",
                port));
        assertFalse(foreign.success());
        assertTrue(foreign.error().contains("bind"), foreign.error());
    }

    @Test
    void httpChecksStatusHostHeaderBodyPatternAndDigest() throws Exception {
        int port = await(vertx.createHttpServer().requestHandler(CheckersLoopbackTest::serve)
                .listen(0, "127.0.0.1")).actualPort();
        assertTrue(httpProbe(port, httpSpec("/health", null, null, null, null, null, null)).success());

        CheckResult wrongStatus = httpProbe(port, httpSpec("/fail", List.of(200, 204), null, null, null, null, null));
        assertFalse(wrongStatus.success());
        assertEquals("status 503, expected [200, 204]", wrongStatus.error());
        assertTrue(httpProbe(port, httpSpec("/fail", List.of(503), null, null, null, null, null)).success());

        assertTrue(httpProbe(port, httpSpec("/host", null, null, null, null, "svc.example", null)).success());
        assertEquals("status 421, expected [200]",
                httpProbe(port, httpSpec("/host", null, null, null, null, null, null)).error(),
                "without the Host header the server refuses");

        assertTrue(httpProbe(port, httpSpec("/health", null, "all g[o]+d", null, null, null, null)).success());
        CheckResult noMatch = httpProbe(port, httpSpec("/health", null, "broken", null, null, null, null));
        assertEquals("body does not match pattern broken", noMatch.error());

        String sha256 = "sha256:" + hex(MessageDigest.getInstance("SHA-256").digest(bytes(BODY)));
        String md5 = "md5:" + hex(MessageDigest.getInstance("MD5").digest(bytes(BODY)));
        assertTrue(httpProbe(port, httpSpec("/chunked", null, null, sha256, null, null, null)).success(),
                "digest over a chunked body");
        assertTrue(httpProbe(port, httpSpec("/health", null, null, md5, null, null, null)).success());
        CheckResult badDigest = httpProbe(port, httpSpec("/health", null, null, "md5:" + "0".repeat(32), null,
                null, null));
        assertFalse(badDigest.success());
        assertTrue(badDigest.error().startsWith("body MD5 digest is " + md5.substring(4)), badDigest.error());
    }

    @Test
    void httpTimesOutOnAServerThatNeverAnswers() throws Exception {
        int port = await(vertx.createHttpServer().requestHandler(r -> { }).listen(0, "127.0.0.1")).actualPort();
        HealthCheck quick = http(CheckType.HTTP, httpSpec("/", null, null, null, null, null, null))
                .withTiming(50, 200, 1, 1);
        CheckResult result = probe(new ProbeTarget(quick, "127.0.0.1", port));
        assertFalse(result.success());
        assertEquals("no response within 200 ms", result.error());
    }

    @Test
    void httpsWithSelfSignedCertificateFailsVerificationAndPassesWithoutItAndSendsSni(@TempDir Path dir)
            throws Exception {
        HttpServer server = await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
                        .setKeyCertOptions(TestCertificates.selfSigned(dir, "svc.example")))
                .requestHandler(r -> r.response().end(String.valueOf(r.connection().indicatedServerName())))
                .listen(0, "127.0.0.1"));
        int port = server.actualPort();
        CheckResult verified = httpsProbe(port, httpSpec("/", null, null, null, true, null, "svc.example"));
        assertFalse(verified.success(), "a self-signed certificate is not trusted");
        assertTrue(verified.error().toLowerCase().contains("cert") || verified.error().contains("PKIX")
                || verified.error().contains("SSL"), verified.error());

        CheckResult unverified = httpsProbe(port, httpSpec("/", null, "^svc\\.example$", null, false, null,
                "svc.example"));
        assertTrue(unverified.success(), "TLS verify off; the server saw SNI svc.example: " + unverified);
        CheckResult sniFromHost = httpsProbe(port, httpSpec("/", null, "^other\\.example$", null, false,
                "other.example", null));
        assertTrue(sniFromHost.success(), "SNI defaults to the Host header: " + sniFromHost);
    }

    @Test
    void udpRequestResponseWithExpectedPrefix() throws Exception {
        DatagramSocket echo = vertx.createDatagramSocket(new DatagramSocketOptions());
        echo.handler(p -> echo.send(p.data(), p.sender().port(), p.sender().host()));
        int port = await(echo.listen(0, "127.0.0.1")).localAddress().port();
        UdpCheckSpec ping = new UdpCheckSpec("70696e67", "7069", PayloadEncoding.HEX);
        assertTrue(probe(new ProbeTarget(check(CheckType.UDP, null, ping, null, null), "127.0.0.1", port))
                .success());
        UdpCheckSpec base64 = new UdpCheckSpec("cGluZw==", "cGluZw==", PayloadEncoding.BASE64);
        assertTrue(probe(new ProbeTarget(check(CheckType.UDP, null, base64, null, null), "127.0.0.1", port))
                .success());
        UdpCheckSpec wrong = new UdpCheckSpec("70696e67", "706f6e67", PayloadEncoding.HEX);
        CheckResult mismatch = probe(new ProbeTarget(check(CheckType.UDP, null, wrong, null, null), "127.0.0.1",
                port));
        assertEquals("reply 70696e67 does not start with 706f6e67", mismatch.error());
        await(echo.close());
        HealthCheck quick = check(CheckType.UDP, null, ping, null, null).withTiming(50, 200, 1, 1);
        assertEquals("no reply within 200 ms", probe(new ProbeTarget(quick, "127.0.0.1", port)).error());
    }

    @Test
    void dnsQueryAgainstATinyResponder() throws Exception {
        DatagramSocket dns = vertx.createDatagramSocket(new DatagramSocketOptions());
        dns.handler(p -> dns.send(Buffer.buffer(TinyDnsResponder.answer(p.data().getBytes())), p.sender().port(),
                p.sender().host()));
        int port = await(dns.listen(0, "127.0.0.1")).localAddress().port();
        assertTrue(dnsProbe(port, new DnsCheckSpec("www.test", DnsQueryType.A, null)).success());
        assertEquals("no AAAA answer for www.test",
                dnsProbe(port, new DnsCheckSpec("www.test", DnsQueryType.AAAA, null)).error());
        assertEquals("DNS rcode NXDOMAIN, expected NOERROR",
                dnsProbe(port, new DnsCheckSpec("nope.test", DnsQueryType.A, null)).error());
        assertTrue(dnsProbe(port, new DnsCheckSpec("nope.test", DnsQueryType.A, DnsRcode.NXDOMAIN)).success());
    }

    @Test
    void noneIsAlwaysUp() throws Exception {
        assertTrue(probe(new ProbeTarget(check(CheckType.NONE, null, null, null, null), "127.0.0.1", 1)).success());
    }

    private CheckResult httpProbe(int port, io.lvsdirector.model.HttpCheckSpec spec) throws Exception {
        return probe(new ProbeTarget(http(CheckType.HTTP, spec), "127.0.0.1", port));
    }

    /** A TLS handshake in a cold JVM on a busy machine can take a while: a timeout that leaves room. */
    private CheckResult httpsProbe(int port, io.lvsdirector.model.HttpCheckSpec spec) throws Exception {
        return probe(new ProbeTarget(http(CheckType.HTTPS, spec).withTiming(50, 5000, 1, 1), "127.0.0.1", port));
    }

    private CheckResult dnsProbe(int port, DnsCheckSpec spec) throws Exception {
        return probe(new ProbeTarget(check(CheckType.DNS, null, null, spec, null), "127.0.0.1", port));
    }

    private static void serve(HttpServerRequest r) {
        switch (r.path()) {
            case "/health" -> r.response().end(BODY);
            case "/fail" -> r.response().setStatusCode(503).end("down for maintenance");
            case "/host" -> r.response().setStatusCode("svc.example".equals(r.getHeader("Host")) ? 200 : 421).end();
            case "/chunked" -> r.response().setChunked(true).write(BODY.substring(0, 7)).compose(
                    v -> r.response().end(BODY.substring(7)));
            default -> r.response().setStatusCode(404).end();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static boolean hasIpv6Loopback() {
        try {
            return NetworkInterface.getByInetAddress(InetAddress.getByName("::1")) != null;
        } catch (Exception e) {
            return false;
        }
    }
}
