package io.lvsdirector.vrrp;

import static io.lvsdirector.vrrp.NamespacedWorker.instance;
import static io.lvsdirector.vrrp.NamespacedWorker.state;
import static io.lvsdirector.vrrp.NamespacedWorker.vip;
import static io.lvsdirector.vrrp.VethLab.IF_A;
import static io.lvsdirector.vrrp.VethLab.IF_B;
import static io.lvsdirector.vrrp.VethLab.hasAddress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interoperability with keepalived: ours in namespace A, keepalived in namespace B on the other end of a
 * veth pair, the same VRID and VIP. Either side MASTER, for VRRPv2, VRRPv3 over IPv4 (keepalived's default
 * pseudo-header checksum) and VRRPv3 over IPv6, and take-over both ways when the master stops.
 */
@Tag("netns")
@Timeout(240)
class KeepalivedInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private VethLab lab;
    private NamespacedWorker ours;
    private Keepalived keepalived;

    @BeforeEach
    void setUp() {
        lab = VethLab.create();
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/keepalived"));
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(installed, "keepalived (Debian package) is required with CI=true");
        }
        assumeTrue(installed, "keepalived is not installed - interop tests skipped");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (ours != null) {
                ours.close();
            }
            if (keepalived != null) {
                keepalived.close();
            }
        } finally {
            lab.close();
        }
    }

    @ParameterizedTest(name = "v{0} {1}")
    @CsvSource({"2, 192.0.2.100, 24", "3, 192.0.2.100, 24", "3, 2001:db8::100, 64"})
    @Timeout(240)
    void oursMasterKeepalivedBackupThenKeepalivedTakesOverOnGracefulStop(int version, String vip, int prefix)
            throws Exception {
        String cidr = vip + "/" + prefix;
        keepalived = Keepalived.start(lab.b, Keepalived.config(IF_B, version, 100, "1", cidr));
        ours = NamespacedWorker.start(lab.a, state(instance(IF_A, version, 150, 1000), vip(vip, prefix)));

        Await.until(WAIT, () -> ours.state() == VrrpState.MASTER && hasAddress(lab.a, IF_A, cidr),
                () -> "ours " + ours.state() + "\n" + keepalived.log());
        Await.until(WAIT, () -> keepalived.entered("BACKUP"), keepalived::log);
        // Several advert intervals past keepalived's Master_Down_Interval: it must have accepted our adverts.
        Thread.sleep(5000);
        assertFalse(keepalived.entered("MASTER"), "keepalived must stay BACKUP:\n" + keepalived.log());
        assertFalse(hasAddress(lab.b, IF_B, cidr), VethLab.addresses(lab.b, IF_B));
        assertEquals(VrrpState.MASTER, ours.state());

        ours.stop(true);
        Await.until(WAIT, () -> keepalived.entered("MASTER") && hasAddress(lab.b, IF_B, cidr),
                () -> keepalived.log() + VethLab.addresses(lab.b, IF_B));
        assertFalse(hasAddress(lab.a, IF_A, cidr), VethLab.addresses(lab.a, IF_A));
    }

    @ParameterizedTest(name = "v{0} {1} crash={3}")
    @CsvSource({"2, 192.0.2.100, 24, false", "2, 192.0.2.100, 24, true", "3, 192.0.2.100, 24, false",
            "3, 192.0.2.100, 24, true", "3, 2001:db8::100, 64, false"})
    @Timeout(240)
    void keepalivedMasterOursBackupThenOursTakesOver(int version, String vip, int prefix, boolean crash)
            throws Exception {
        String cidr = vip + "/" + prefix;
        keepalived = Keepalived.start(lab.b, Keepalived.config(IF_B, version, 150, "1", cidr));
        Await.until(WAIT, () -> keepalived.entered("MASTER") && hasAddress(lab.b, IF_B, cidr),
                () -> keepalived.log() + VethLab.addresses(lab.b, IF_B));
        ours = NamespacedWorker.start(lab.a, state(instance(IF_A, version, 100, 1000), vip(vip, prefix)));

        Await.until(WAIT, () -> ours.state() == VrrpState.BACKUP && ours.counters().advertsReceived() >= 3,
                () -> "ours " + ours.status());
        Thread.sleep(4000); // past our Master_Down_Interval: still BACKUP means keepalived's adverts verify
        assertEquals(VrrpState.BACKUP, ours.state(), () -> "ours " + ours.status());
        assertFalse(hasAddress(lab.a, IF_A, cidr), VethLab.addresses(lab.a, IF_A));
        VrrpCounters.Snapshot counters = ours.counters();
        assertEquals(0, counters.drops(DropReason.BAD_CHECKSUM), counters.toString());
        assertEquals(0, counters.drops(DropReason.BAD_TTL), counters.toString());
        String master = ours.status().orElseThrow().status().currentMaster().orElseThrow().getHostAddress();
        assertTrue(vip.contains(":") ? master.startsWith("fe80:") : master.equals("192.0.2.2"), master);

        if (crash) {
            keepalived.killVrrpChild();
        } else {
            keepalived.stopGracefully();
        }
        Await.until(WAIT, () -> ours.state() == VrrpState.MASTER && hasAddress(lab.a, IF_A, cidr),
                () -> "ours " + ours.status() + "\n" + keepalived.log());
        if (crash) {
            assertEquals(0, ours.counters().priorityZeroReceived(), "a killed keepalived sends no priority 0");
        } else {
            assertTrue(ours.counters().priorityZeroReceived() >= 1, "keepalived resigned: " + ours.counters());
        }
    }

    private static final String KEEPALIVED_UNICAST = "unicast_src_ip 192.0.2.2\nunicast_peer {\n    192.0.2.1\n}";

    private static io.lvsdirector.model.VrrpInstance unicastInstance(int version, int priority) {
        return new io.lvsdirector.model.VrrpInstance("vi", IF_A, 51, priority, version, 1000, true, 0,
                java.util.List.of("192.0.2.2"), null, null, java.util.List.of());
    }

    @ParameterizedTest(name = "v{0}")
    @CsvSource({"2", "3"})
    @Timeout(240)
    void unicastPeersBothWays(int version) throws Exception {
        String cidr = "192.0.2.100/24";
        // keepalived MASTER, ours BACKUP: our receiver accepts its unicast adverts.
        keepalived = Keepalived.start(lab.b, Keepalived.config(IF_B, version, 150, "1", cidr, KEEPALIVED_UNICAST));
        Await.until(WAIT, () -> keepalived.entered("MASTER"), keepalived::log);
        ours = NamespacedWorker.start(lab.a, state(unicastInstance(version, 100), vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> ours.state() == VrrpState.BACKUP && ours.counters().advertsReceived() >= 3,
                () -> "ours " + ours.status());
        Thread.sleep(4000);
        assertEquals(VrrpState.BACKUP, ours.state(), () -> "ours " + ours.status());
        assertEquals("192.0.2.2", ours.status().orElseThrow().status().currentMaster().orElseThrow().getHostAddress());

        // A higher priority on our side preempts keepalived, which then must accept our unicast adverts.
        ours.worker.apply(state(unicastInstance(version, 200), vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> ours.state() == VrrpState.MASTER && hasAddress(lab.a, IF_A, cidr),
                () -> "ours " + ours.status() + "\n" + keepalived.log());
        Await.until(WAIT, () -> !hasAddress(lab.b, IF_B, cidr) && keepalived.log().contains("Entering BACKUP STATE"),
                () -> keepalived.log() + VethLab.addresses(lab.b, IF_B));
        String before = keepalived.log();
        Thread.sleep(4000);
        assertFalse(keepalived.log().substring(before.length()).contains("Entering MASTER"),
                "keepalived must stay BACKUP:\n" + keepalived.log());

        ours.stop(true);
        Await.until(WAIT, () -> hasAddress(lab.b, IF_B, cidr), () -> keepalived.log() + VethLab.addresses(lab.b, IF_B));
        assertTrue(keepalived.log().contains("Backup received priority 0 advertisement"), keepalived.log());
    }

    @org.junit.jupiter.api.Test
    void theMessageOnlyChecksumDoesNotInteroperateWithKeepalivedsDefault() throws Exception {
        String cidr = "192.0.2.100/24";
        keepalived = Keepalived.start(lab.b, Keepalived.config(IF_B, 3, 150, "1", cidr));
        io.lvsdirector.model.VrrpInstance asV2 = new io.lvsdirector.model.VrrpInstance("vi", IF_A, 51, 100, 3, 1000,
                true, 0, null, null, null, null, io.lvsdirector.model.VrrpChecksumMode.AS_V2, null, null, null);
        ours = NamespacedWorker.start(lab.a, state(asV2, vip("192.0.2.100", 24)));
        // The setting reaches the wire: keepalived's adverts fail our RFC 9568 checksum, so we do not hear it.
        Await.until(WAIT, () -> ours.status().isPresent() && ours.counters().drops(DropReason.BAD_CHECKSUM) >= 3,
                () -> "ours " + ours.status());
        assertEquals(0, ours.counters().advertsReceived());
    }
}
