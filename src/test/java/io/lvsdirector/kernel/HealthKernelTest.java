package io.lvsdirector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Health checks moving real-server weights in the VM's real IPVS: TCP and HTTP backends on the guest's
 * loopback, the packaged director checking them, ipvsadm reading what the kernel carries.
 */
@Tag("kernel")
class HealthKernelTest {

    private static final String SERVICE = "tcp 192.0.2.1:80";
    private final Ipvsadm ipvsadm = new Ipvsadm();

    @BeforeAll
    static void insideKernelVm() {
        KernelVm.require();
    }

    /** Destination "address:port" to weight, for the test's service. */
    private Map<String, String> weights() {
        Map<String, String> out = new TreeMap<>();
        ipvsadm.rules().stream().filter(r -> SERVICE.equals(r.service()) && !r.isService())
                .forEach(r -> out.put(r.destination(), r.options().get("weight")));
        return out;
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    @Test
    void downServerGoesToWeightZeroAndBackAndTheSorryServerFollowsTheQuorum() throws Exception {
        ipvsadm.clear();
        Path dir = Files.createTempDirectory(Path.of("target"), "director-health-");
        ServerSocket a = listen(0);
        ServerSocket b = listen(0);
        int portA = a.getLocalPort();
        int portB = b.getLocalPort();
        String config = """
                {"vips":[{"name":"v4","address":"192.0.2.1","prefixLength":32}],
                 "virtualServices":[{"name":"web","vip":"v4","protocol":"TCP","port":80,"scheduler":"wrr",
                   "healthCheck":{"type":"TCP","intervalMs":200,"timeoutMs":200,"rise":1,"fall":2},
                   "quorum":{"minUp":2,"hysteresis":0},"sorryServer":{"address":"127.0.0.1","port":9}}],
                 "realServers":[
                   {"name":"a","virtualService":"web","address":"127.0.0.1","port":%d,"weight":5},
                   {"name":"b","virtualService":"web","address":"127.0.0.1","port":%d,"weight":7}]}
                """.formatted(portA, portB);
        String destA = "127.0.0.1:" + portA;
        String destB = "127.0.0.1:" + portB;
        try (DirectorProcess d = new DirectorProcess(dir, 18481)) {
            d.start();
            HttpResponse<String> put = d.put("/api/v1/config", config);
            assertEquals(200, put.statusCode(), put.body());
            d.await("both backends at their weights", Duration.ofSeconds(120),
                    () -> weights().equals(Map.of(destA, "5", destB, "7")));

            // Backend a stops: after fall (2) failed checks its weight is 0, and with one server up
            // the quorum (2) is lost, so the sorry server comes in.
            a.close();
            d.await("a at weight 0 and the sorry server in", Duration.ofSeconds(60),
                    () -> weights().equals(Map.of(destA, "0", destB, "7", "127.0.0.1:9", "1")));

            // It comes back: its weight returns and the sorry server goes.
            a = listen(portA);
            d.await("a back at weight 5, sorry server out", Duration.ofSeconds(60),
                    () -> weights().equals(Map.of(destA, "5", destB, "7")));
        } finally {
            a.close();
            b.close();
            ipvsadm.clear();
        }
    }

    @Test
    void anHttpCheckFollowsTheStatusTheServerAnswers() throws Exception {
        ipvsadm.clear();
        Path dir = Files.createTempDirectory(Path.of("target"), "director-health-http-");
        AtomicInteger status = new AtomicInteger(200);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/health", exchange -> {
            byte[] body = "ok\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        String config = """
                {"vips":[{"name":"v4","address":"192.0.2.1","prefixLength":32}],
                 "virtualServices":[{"name":"web","vip":"v4","protocol":"TCP","port":80,"scheduler":"wrr",
                   "healthCheck":{"type":"HTTP","intervalMs":200,"timeoutMs":500,"rise":1,"fall":2,
                                  "http":{"path":"/health","expectStatus":[200]}}}],
                 "realServers":[{"name":"a","virtualService":"web","address":"127.0.0.1","port":%d,"weight":5}]}
                """.formatted(port);
        String dest = "127.0.0.1:" + port;
        try (DirectorProcess d = new DirectorProcess(dir, 18483)) {
            d.start();
            HttpResponse<String> put = d.put("/api/v1/config", config);
            assertEquals(200, put.statusCode(), put.body());
            d.await("the backend at its weight", Duration.ofSeconds(120), () -> weights().equals(Map.of(dest, "5")));

            // The server answers 503: after fall (2) failed checks the weight is 0.
            status.set(503);
            d.await("the backend at weight 0", Duration.ofSeconds(60), () -> weights().equals(Map.of(dest, "0")));

            // 200 again: back at its weight after rise (1).
            status.set(200);
            d.await("the backend back at weight 5", Duration.ofSeconds(60), () -> weights().equals(Map.of(dest, "5")));
        } finally {
            server.stop(0);
            ipvsadm.clear();
        }
    }
}
