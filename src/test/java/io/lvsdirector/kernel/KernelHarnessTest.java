package io.lvsdirector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Proves the kernel VM: a real IPVS table that ipvsadm programs and the kernel reports back. */
@Tag("kernel")
class KernelHarnessTest {

    private static final Path PROC_IPVS = Path.of("/proc/net/ip_vs");

    private final Ipvsadm ipvsadm = new Ipvsadm();

    @BeforeAll
    static void insideKernelVm() {
        KernelVm.require();
    }

    @BeforeEach
    void emptyTable() {
        ipvsadm.clear();
    }

    @Test
    void runsOnTheGuestKernelWithIpvsLoaded() throws IOException {
        assertEquals(KernelVm.kernelRelease(), System.getProperty("os.version"));
        assertTrue(Files.exists(PROC_IPVS), "/proc/net/ip_vs missing: ip_vs not loaded");
        assertTrue(Files.readString(PROC_IPVS).startsWith("IP Virtual Server version "), Files.readString(PROC_IPVS));
    }

    @Test
    void addedServiceIsListedSavedAndInProcfs() throws IOException {
        ipvsadm.ok("-A", "-t", "192.0.2.1:80", "-s", "rr");

        List<String> listing = ipvsadm.ok("-Ln").stdout().lines().toList();
        assertTrue(listing.stream().anyMatch(line -> line.matches("TCP\\s+192\\.0\\.2\\.1:80 rr\\s*")), String.join("\n", listing));
        assertEquals("-A -t 192.0.2.1:80 -s rr\n", ipvsadm.ok("-S", "-n").stdout());
        assertEquals(List.of(IpvsRule.service("tcp 192.0.2.1:80", "scheduler", "rr")), ipvsadm.rules());
        // procfs prints the address and port in hex: an independent view of the same kernel table
        assertTrue(Files.readString(PROC_IPVS).contains("TCP  C0000201:0050 rr"), Files.readString(PROC_IPVS));
    }

    @Test
    void rulesReflectEveryKindOfServiceAndDestination() {
        ipvsadm.ok("-A", "-t", "192.0.2.1:80", "-s", "wrr", "-p", "300", "-M", "255.255.255.0");
        ipvsadm.ok("-a", "-t", "192.0.2.1:80", "-r", "198.51.100.10:8080", "-m", "-w", "5", "-x", "100", "-y", "10");
        ipvsadm.ok("-a", "-t", "192.0.2.1:80", "-r", "198.51.100.11:80", "-g", "-w", "0");
        ipvsadm.ok("-a", "-t", "192.0.2.1:80", "-r", "198.51.100.12:80", "-i", "-w", "3",
                "--tun-type", "gue", "--tun-port", "6080", "--tun-nocsum");
        ipvsadm.ok("-A", "-u", "[2001:db8::1]:53", "-s", "sh", "-b", "sh-port");
        ipvsadm.ok("-a", "-u", "[2001:db8::1]:53", "-r", "[2001:db8::10]:53", "-m", "-w", "2");
        ipvsadm.ok("-A", "-f", "42", "-6", "-s", "lc", "-o");

        assertEquals(List.of(
                IpvsRule.service("fwmark 42 ipv6", "scheduler", "lc", "ops", "true"),
                IpvsRule.service("tcp 192.0.2.1:80", "scheduler", "wrr", "persistent", "300", "netmask", "255.255.255.0"),
                IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.10:8080",
                        "forward", "masq", "weight", "5", "u-threshold", "100", "l-threshold", "10"),
                IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.11:80", "forward", "route", "weight", "0"),
                IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.12:80", "forward", "tunnel", "weight", "3",
                        "tun-type", "gue", "tun-port", "6080", "tun-csum", "nocsum"),
                IpvsRule.service("udp [2001:db8::1]:53", "scheduler", "sh", "sched-flags", "sh-port"),
                IpvsRule.destination("udp [2001:db8::1]:53", "[2001:db8::10]:53", "forward", "masq", "weight", "2")),
                ipvsadm.rules());

        ipvsadm.ok("-e", "-t", "192.0.2.1:80", "-r", "198.51.100.11:80", "-g", "-w", "7");
        ipvsadm.ok("-d", "-t", "192.0.2.1:80", "-r", "198.51.100.12:80");
        List<IpvsRule> after = ipvsadm.rules();
        assertTrue(after.contains(IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.11:80", "forward", "route", "weight", "7")),
                after.toString());
        assertEquals(0, after.stream().filter(rule -> "198.51.100.12:80".equals(rule.destination())).count(), after.toString());
    }

    @Test
    void clearEmptiesTheTable() {
        ipvsadm.ok("-A", "-u", "192.0.2.3:53", "-s", "rr");
        assertEquals(1, ipvsadm.rules().size());
        ipvsadm.clear();
        assertEquals(List.of(), ipvsadm.rules());
    }

    @Test
    void unknownSchedulerIsRefusedByTheKernel() {
        Ipvsadm.Result result = ipvsadm.run("-A", "-t", "192.0.2.4:80", "-s", "no-such-scheduler");
        assertNotEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of(), ipvsadm.rules());
    }
}
