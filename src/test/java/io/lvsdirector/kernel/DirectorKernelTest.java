package io.lvsdirector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged director against the VM's real IPVS, end to end: the REST API's state ends up in
 * the kernel exactly (checked with ipvsadm), drift is repaired, a restart of an in-sync director
 * makes no kernel write, and one weight change through the API is one kernel write.
 */
@Tag("kernel")
class DirectorKernelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Ipvsadm ipvsadm = new Ipvsadm();

    private static final String CONFIG = """
            {"vrrpInstances":[],
             "vips":[{"name":"v4","address":"192.0.2.1","prefixLength":32},
                     {"name":"v6","address":"2001:db8::1","prefixLength":128}],
             "virtualServices":[
               {"name":"web","vip":"v4","protocol":"TCP","port":80,"scheduler":"wrr",
                "persistence":{"timeoutSeconds":300,"netmask":"255.255.255.0"},"forwarding":"NAT"},
               {"name":"dns6","vip":"v6","protocol":"UDP","port":53,"scheduler":"sh","schedulerFlags":["sh-port"]},
               {"name":"mark","fwmark":42,"addressFamily":"INET6","scheduler":"lc","onePacket":false,"forwarding":"DR"}],
             "realServers":[
               {"name":"nat","virtualService":"web","address":"198.51.100.10","port":8080,"weight":5,
                "upperThreshold":100,"lowerThreshold":10},
               {"name":"dr","virtualService":"web","address":"198.51.100.11","port":80,"forwarding":"DR","enabled":false},
               {"name":"tun","virtualService":"web","address":"198.51.100.12","port":80,"weight":3,"forwarding":"TUN",
                "tunnel":{"type":"gue","port":6080}},
               {"name":"r6","virtualService":"dns6","address":"2001:db8::10","port":53,"weight":2},
               {"name":"m1","virtualService":"mark","address":"2001:db8::20","weight":4}]}
            """;

    static final List<IpvsRule> EXPECTED = List.of(
            IpvsRule.service("fwmark 42 ipv6", "scheduler", "lc"),
            IpvsRule.destination("fwmark 42 ipv6", "[2001:db8::20]:0", "forward", "route", "weight", "4"),
            IpvsRule.service("tcp 192.0.2.1:80", "scheduler", "wrr", "persistent", "300", "netmask", "255.255.255.0"),
            IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.10:8080",
                    "forward", "masq", "weight", "5", "u-threshold", "100", "l-threshold", "10"),
            IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.11:80", "forward", "route", "weight", "0"),
            IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.12:80", "forward", "tunnel", "weight", "3",
                    "tun-type", "gue", "tun-port", "6080", "tun-csum", "nocsum"),
            IpvsRule.service("udp [2001:db8::1]:53", "scheduler", "sh", "sched-flags", "sh-port"),
            IpvsRule.destination("udp [2001:db8::1]:53", "[2001:db8::10]:53", "forward", "masq", "weight", "2"));

    @BeforeAll
    static void insideKernelVm() {
        KernelVm.require();
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    /** Waits until the reconciler reports the latest revision in sync, and returns its status. */
    private static JsonNode awaitInSync(DirectorProcess d) throws Exception {
        return json(d.awaitBody("the kernel in sync", "/api/v1/kernel/reconcile", b -> {
            try {
                JsonNode n = json(b);
                return n.path("inSync").asBoolean();
            } catch (Exception e) {
                return false;
            }
        }));
    }

    /** The reconciler's running total of kernel writes, from Prometheus. */
    private static double reconcileOps(DirectorProcess d) throws Exception {
        for (String line : d.get("/q/metrics").body().split("\n")) {
            if (line.startsWith("lvs_reconcile_ops_total ")) {
                return Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new AssertionError("no lvs_reconcile_ops_total in /q/metrics");
    }

    /** Waits until a pass has brought the kernel in sync with the revision the write answered with. */
    private static void awaitPassOf(DirectorProcess d, HttpResponse<String> write, String what) throws Exception {
        assertEquals(200, write.statusCode(), write.body());
        long revision = Long.parseLong(write.headers().firstValue("X-Revision").orElseThrow());
        d.awaitBody(what, "/api/v1/kernel/reconcile", b -> {
            try {
                JsonNode n = json(b);
                return n.path("inSync").asBoolean() && n.path("lastPass").path("stateRevision").asLong() == revision;
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** Waits until the reconciler has counted at least {@code writes} kernel writes since {@code before}. */
    private static void awaitRepairWrites(DirectorProcess d, String drift, double before, int writes)
            throws InterruptedException {
        d.await(writes + " kernel write(s) repairing " + drift, java.time.Duration.ofSeconds(30),
                () -> reconcileOps(d) - before >= writes);
    }

    private void awaitRules(DirectorProcess d, String what) throws InterruptedException {
        d.await(what, java.time.Duration.ofSeconds(120), () -> ipvsadm.rules().equals(EXPECTED));
    }

    @Test
    void apiStateIsKernelStateThroughDriftAndRestart() throws Exception {
        ipvsadm.clear();
        Path dir = Files.createTempDirectory(Path.of("target"), "director-kernel-");
        try (DirectorProcess d = new DirectorProcess(dir, 18480)) {
            d.start();
            HttpResponse<String> put = d.put("/api/v1/config", CONFIG);
            assertEquals(200, put.statusCode(), put.body());
            awaitInSync(d);
            assertEquals(EXPECTED, ipvsadm.rules());
            assertEquals(200, d.get("/q/health/ready").statusCode(), d.get("/q/health/ready").body());

            // Prometheus carries the kernel's counters under the API's names, and the reconciler's own figures.
            String metrics = d.awaitBody("kernel metrics", "/q/metrics",
                    b -> b.contains("lvs_ipvs_real_server_connections_total{real_server=\"nat\",virtual_service=\"web\"}"));
            assertTrue(metrics.contains("lvs_ipvs_service_bytes_in_total{virtual_service=\"dns6\"}"), metrics);
            assertTrue(metrics.contains("lvs_reconcile_ops_total"), metrics);
            assertTrue(metrics.contains("lvs_reconcile_duration_seconds_count"), metrics);

            // The live view names our objects; a service someone else adds is flagged foreign and left alone.
            ipvsadm.ok("-A", "-t", "192.0.2.99:8443", "-s", "rr");
            JsonNode services = json(d.awaitBody("the foreign service in the live view", "/api/v1/kernel/services",
                    b -> b.contains("192.0.2.99")));
            for (JsonNode s : services.path("services")) {
                boolean foreignOne = "192.0.2.99".equals(s.path("address").asText());
                assertEquals(foreignOne, s.path("foreign").asBoolean(), s.toString());
                assertEquals(foreignOne, s.path("virtualService").isNull(), s.toString());
            }
            ipvsadm.ok("-D", "-t", "192.0.2.99:8443");

            // One weight change through the API: exactly one kernel write. Counted with the reconciler's
            // own ops counter, which periodic passes over an in-sync kernel leave alone.
            double opsBefore = reconcileOps(d);
            HttpResponse<String> w = d.put("/api/v1/virtual-services/web/real-servers/nat",
                    "{\"name\":\"nat\",\"address\":\"198.51.100.10\",\"port\":8080,\"weight\":9,"
                            + "\"upperThreshold\":100,\"lowerThreshold\":10}");
            awaitPassOf(d, w, "the weight change reconciled");
            assertTrue(ipvsadm.rules().contains(IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.10:8080",
                    "forward", "masq", "weight", "9", "u-threshold", "100", "l-threshold", "10")), ipvsadm.rules()::toString);
            assertEquals(1.0, reconcileOps(d) - opsBefore, "kernel writes for one weight change");
            HttpResponse<String> back = d.put("/api/v1/virtual-services/web/real-servers/nat",
                    "{\"name\":\"nat\",\"address\":\"198.51.100.10\",\"port\":8080,\"weight\":5,"
                            + "\"upperThreshold\":100,\"lowerThreshold\":10}");
            awaitPassOf(d, back, "the weight back at 5"); // its write counted before the drift's are
            assertEquals(EXPECTED, ipvsadm.rules());

            // Drift: a manual weight change and a flush are both repaired by the periodic pass. The
            // pass runs every second and may repair a change before ipvsadm could list it in a slow
            // VM, so each repair is proven by the kernel writes it counts, not by seeing the drift.
            double beforeEdit = reconcileOps(d);
            ipvsadm.ok("-e", "-t", "192.0.2.1:80", "-r", "198.51.100.12:80", "-i", "-w", "50");
            awaitRules(d, "the manual weight change repaired");
            awaitRepairWrites(d, "the manual weight change", beforeEdit, 1);
            double beforeFlush = reconcileOps(d);
            ipvsadm.clear();
            awaitRules(d, "the flushed table rebuilt");
            awaitRepairWrites(d, "the flush", beforeFlush, EXPECTED.size());

            // A restart of an in-sync director: the state is loaded and the kernel gets zero writes.
            d.stop();
            assertEquals(EXPECTED, ipvsadm.rules(), "stopping the director leaves the kernel serving");
            d.start();
            JsonNode restarted = awaitInSync(d);
            assertEquals(0, restarted.path("lastPass").path("applied").size(), restarted.toString());
            assertEquals(EXPECTED, ipvsadm.rules());
        } finally {
            ipvsadm.clear();
        }
    }
}
