package io.lvsdirector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A director started on a kernel whose IPVS is not loaded keeps serving its API, says why it is
 * not ready, and programs the kernel by itself once the module is loaded.
 */
@Tag("kernel")
class IpvsAppearsKernelTest {

    private static final List<String> MODULES =
            List.of("ip_vs_rr", "ip_vs_wrr", "ip_vs_lc", "ip_vs_wlc", "ip_vs_sh", "ip_vs_mh", "ip_vs");

    private static final Path BLOCK = Path.of("/etc/modprobe.d/lvs-director-test-no-ipvs.conf");

    @BeforeAll
    static void insideKernelVm() {
        KernelVm.require();
    }

    private static int run(String... cmd) throws Exception {
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    @Test
    void recoversWhenIpvsIsLoadedLater() throws Exception {
        new Ipvsadm().clear();
        new Ipvsadm().run("--stop-daemon", "master");
        new Ipvsadm().run("--stop-daemon", "backup");
        // Schedulers and helpers loaded by earlier tests hold ip_vs: unload them first.
        List<String> loaded = Files.readAllLines(Path.of("/proc/modules")).stream().map(l -> l.split(" ")[0])
                .filter(m -> m.startsWith("ip_vs_")).toList();
        for (String m : loaded) {
            run("modprobe", "-r", m);
        }
        run("modprobe", "-r", "ip_vs");
        assertTrue(Files.notExists(Path.of("/proc/net/ip_vs")),
                "ip_vs could not be unloaded for the test: " + Files.readString(Path.of("/proc/modules")));
        // Looking the "IPVS" family up would load the module on demand; forbid that, as on a kernel
        // without it (the guest's /etc is a throw-away overlay).
        Files.writeString(BLOCK, "install ip_vs /bin/false\n");
        Path dir = Files.createTempDirectory(Path.of("target"), "director-appears-");
        try (DirectorProcess d = new DirectorProcess(dir, 18482)) {
            d.start();
            HttpResponse<String> put = d.put("/api/v1/config", """
                    {"vips":[{"name":"v4","address":"192.0.2.1","prefixLength":32}],
                     "virtualServices":[{"name":"web","vip":"v4","protocol":"TCP","port":80,"scheduler":"rr"}],
                     "realServers":[{"name":"a","virtualService":"web","address":"198.51.100.10","port":80}]}
                    """);
            assertEquals(200, put.statusCode(), put.body());
            String status = d.awaitBody("IPVS reported missing", "/api/v1/kernel/reconcile",
                    b -> b.contains("IPVS not available in this kernel"));
            assertTrue(status.contains("\"available\":false"), status);
            assertEquals(503, d.get("/q/health/ready").statusCode());
            assertEquals(503, d.get("/api/v1/kernel/services").statusCode());

            Files.delete(BLOCK);
            assertEquals(0, run("modprobe", "ip_vs"));
            d.await("the kernel programmed once IPVS is there", Duration.ofSeconds(120), () -> new Ipvsadm().rules()
                    .equals(List.of(IpvsRule.service("tcp 192.0.2.1:80", "scheduler", "rr"),
                            IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.10:80", "forward", "masq", "weight", "1"))));
            d.awaitBody("readiness back", "/q/health/ready", b -> b.contains("kernel in sync"));
        } finally {
            Files.deleteIfExists(BLOCK);
            for (String m : MODULES) {
                run("modprobe", m);
            }
            new Ipvsadm().clear();
        }
    }
}
