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

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.VrrpInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two of our workers on either end of a veth pair, each in its own namespace: election, the VIP on exactly
 * one side, graceful hand-over (priority 0) and crash hand-over (Master_Down_Interval), announcements on the
 * wire, FAULT and recovery. Nothing touches the host's interfaces.
 */
@Tag("netns")
@Timeout(180)
class VrrpNamespaceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VIP4 = "192.0.2.100/24";
    private static final String VIP6 = "2001:db8::100/64";

    private VethLab lab;
    private NamespacedWorker a;
    private NamespacedWorker b;
    private Process tcpdump;

    @BeforeEach
    void setUp() {
        lab = VethLab.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            VethLab.terminate(tcpdump, Duration.ofSeconds(5));
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        } finally {
            lab.close();
        }
    }

    @Test
    void higherPriorityWinsAndAGracefulStopHandsTheVipOverWithPriorityZero() throws Exception {
        Path pcap = Files.createTempFile(Path.of("target"), "garp", ".pcap");
        tcpdump = VethLab.spawn(lab.b, Path.of(pcap + ".log"), "tcpdump", "--immediate-mode", "-U", "-n", "-i", IF_B, "-w", pcap.toString(),
                "arp or ip proto 112");
        waitForTcpdump(Path.of(pcap + ".log"));
        a = NamespacedWorker.start(lab.a, state(instance(IF_A, 3, 150, 500), vip("192.0.2.100", 24)));
        b = NamespacedWorker.start(lab.b, state(instance(IF_B, 3, 100, 500), vip("192.0.2.100", 24)));

        Await.until(WAIT, () -> a.state() == VrrpState.MASTER && b.state() == VrrpState.BACKUP,
                () -> "A " + a.state() + ", B " + b.state());
        Await.until(WAIT, () -> hasAddress(lab.a, IF_A, VIP4), () -> VethLab.addresses(lab.a, IF_A));
        assertFalse(hasAddress(lab.b, IF_B, VIP4), VethLab.addresses(lab.b, IF_B));
        assertEquals("192.0.2.1", b.status().orElseThrow().status().currentMaster().orElseThrow().getHostAddress());
        Await.until(WAIT, () -> b.counters().advertsReceived() >= 2, () -> "B heard " + b.counters());

        a.stop(true);
        Await.until(WAIT, () -> b.state() == VrrpState.MASTER, () -> "B " + b.state());
        Await.until(WAIT, () -> hasAddress(lab.b, IF_B, VIP4), () -> VethLab.addresses(lab.b, IF_B));
        assertFalse(hasAddress(lab.a, IF_A, VIP4), "a graceful stop removes the VIP: " + VethLab.addresses(lab.a, IF_A));
        assertTrue(b.counters().priorityZeroReceived() >= 1, "B took over because of priority 0: " + b.counters());

        VethLab.terminate(tcpdump, Duration.ofSeconds(5));
        String capture = VethLab.exec(lab.b, "tcpdump", "-n", "-r", pcap.toString());
        assertTrue(capture.contains("Request who-has 192.0.2.100 tell 192.0.2.100")
                || capture.contains("Announcement 192.0.2.100"), "gratuitous ARP for the VIP on the wire:\n" + capture);
        assertTrue(capture.contains("192.0.2.1 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 150"),
                "A's adverts on the wire:\n" + capture);
        assertTrue(capture.contains("vrid 51, prio 0"), "priority 0 on the wire:\n" + capture);
    }

    @Test
    void aCrashedMasterIsReplacedAfterTheMasterDownInterval() throws Exception {
        a = NamespacedWorker.start(lab.a, state(instance(IF_A, 2, 150, 1000), vip("192.0.2.100", 24)));
        b = NamespacedWorker.start(lab.b, state(instance(IF_B, 2, 100, 1000), vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> a.state() == VrrpState.MASTER && b.state() == VrrpState.BACKUP,
                () -> "A " + a.state() + ", B " + b.state());
        Await.until(WAIT, () -> hasAddress(lab.a, IF_A, VIP4), () -> VethLab.addresses(lab.a, IF_A));

        a.stop(false); // silence, as after SIGKILL
        Await.until(WAIT, () -> b.state() == VrrpState.MASTER, () -> "B " + b.state());
        Await.until(WAIT, () -> hasAddress(lab.b, IF_B, VIP4), () -> VethLab.addresses(lab.b, IF_B));
        assertEquals(0, b.counters().priorityZeroReceived(), "no priority 0 from a crashed master");
        assertEquals(TransitionReason.MASTER_DOWN, b.status().orElseThrow().status().lastTransition().orElseThrow().reason());
    }

    @Test
    void ipv6VipMovesWithUnsolicitedNeighbourAdvertisements() throws Exception {
        Path pcap = Files.createTempFile(Path.of("target"), "una", ".pcap");
        tcpdump = VethLab.spawn(lab.b, Path.of(pcap + ".log"), "tcpdump", "--immediate-mode", "-U", "-n", "-i", IF_B, "-w", pcap.toString(),
                "icmp6 or ip6 proto 112");
        waitForTcpdump(Path.of(pcap + ".log"));
        a = NamespacedWorker.start(lab.a, state(instance(IF_A, 3, 150, 500), vip("2001:db8::100", 64)));
        b = NamespacedWorker.start(lab.b, state(instance(IF_B, 3, 100, 500), vip("2001:db8::100", 64)));
        Await.until(WAIT, () -> a.state() == VrrpState.MASTER && b.state() == VrrpState.BACKUP,
                () -> "A " + a.state() + ", B " + b.state());
        Await.until(WAIT, () -> hasAddress(lab.a, IF_A, VIP6), () -> VethLab.addresses(lab.a, IF_A));
        assertFalse(hasAddress(lab.b, IF_B, VIP6));
        Await.until(WAIT, () -> b.counters().advertsReceived() >= 2, () -> "B heard " + b.counters());
        assertTrue(b.status().orElseThrow().status().currentMaster().orElseThrow().isLinkLocalAddress(),
                "IPv6 adverts come from the link-local address");

        a.stop(true);
        Await.until(WAIT, () -> hasAddress(lab.b, IF_B, VIP6), () -> VethLab.addresses(lab.b, IF_B));
        assertFalse(hasAddress(lab.a, IF_A, VIP6));

        VethLab.terminate(tcpdump, Duration.ofSeconds(5));
        String capture = VethLab.exec(lab.b, "tcpdump", "-n", "-v", "-r", pcap.toString());
        assertTrue(capture.contains("neighbor advertisement, length 32, tgt is 2001:db8::100"),
                "unsolicited NA for the VIP on the wire:\n" + capture);
        assertTrue(capture.contains("hlim 255"), capture);
        assertTrue(capture.contains("> ff02::12: VRRPv3, Advertisement"), capture);
    }

    @Test
    void aMissingInterfaceIsAFaultUntilItAppearsAndChangesApplyWithoutRestart() throws Exception {
        VrrpInstance onMissing = instance("vrrpc", 3, 150, 300);
        a = NamespacedWorker.start(lab.a, state(onMissing, vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> a.state() == VrrpState.FAULT, () -> "A " + a.state());
        assertTrue(a.status().orElseThrow().problem().orElseThrow().contains("vrrpc"), a.status().toString());

        // The configured interface appears (a veth pair inside A's namespace): the instance recovers by itself.
        lab.a.ip("link", "add", "vrrpc", "type", "veth", "peer", "name", "vrrpcp");
        lab.a.ip("link", "set", "vrrpcp", "up");
        lab.a.ip("addr", "add", "192.0.2.65/26", "dev", "vrrpc");
        lab.a.ip("link", "set", "vrrpc", "up");
        Await.until(WAIT, () -> a.state() == VrrpState.MASTER, () -> "A " + a.state() + " " + a.status());
        assertTrue(a.status().orElseThrow().problem().isEmpty());

        // Moving the instance to the veth is a configuration change the running worker applies.
        b = NamespacedWorker.start(lab.b, state(instance(IF_B, 3, 200, 300), vip("192.0.2.100", 24)));
        a.worker.apply(state(instance(IF_A, 3, 150, 300), vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> b.state() == VrrpState.MASTER && a.state() == VrrpState.BACKUP,
                () -> "A " + a.state() + ", B " + b.state());
        Await.until(WAIT, () -> !hasAddress(lab.a, "vrrpc", VIP4), () -> VethLab.addresses(lab.a, "vrrpc"));
        Await.until(WAIT, () -> hasAddress(lab.b, IF_B, VIP4), () -> VethLab.addresses(lab.b, IF_B));

        // A higher priority for A now preempts B.
        a.worker.apply(state(instance(IF_A, 3, 250, 300), vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> a.state() == VrrpState.MASTER && b.state() == VrrpState.BACKUP,
                () -> "A " + a.state() + ", B " + b.state());
        Await.until(WAIT, () -> hasAddress(lab.a, IF_A, VIP4) && !hasAddress(lab.b, IF_B, VIP4),
                () -> VethLab.addresses(lab.a, IF_A) + VethLab.addresses(lab.b, IF_B));

        // Removing the instance releases the VIP.
        a.worker.apply(DesiredState.EMPTY);
        Await.until(WAIT, () -> a.status().isEmpty() && !hasAddress(lab.a, IF_A, VIP4),
                () -> VethLab.addresses(lab.a, IF_A));
        assertTrue(a.worker.events("vi").size() >= 4, a.worker.events("vi").toString());
    }

    @Test
    void aTrackedLinkGoingDownIsAFaultThatHandsOver() throws Exception {
        lab.a.ip("link", "add", "vrrpt", "type", "veth", "peer", "name", "vrrptp");
        lab.a.ip("link", "set", "vrrpt", "up");
        lab.a.ip("link", "set", "vrrptp", "up");
        VrrpInstance tracking = new VrrpInstance("vi", IF_A, 51, 150, 3, 300, true, 0, List.of(), null, null,
                List.of("vrrpt"));
        a = NamespacedWorker.start(lab.a, state(tracking, vip("192.0.2.100", 24)));
        b = NamespacedWorker.start(lab.b, state(instance(IF_B, 3, 100, 300), vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> a.state() == VrrpState.MASTER && b.state() == VrrpState.BACKUP,
                () -> "A " + a.state() + ", B " + b.state());

        lab.a.ip("link", "set", "vrrptp", "down"); // the tracked link loses carrier
        Await.until(WAIT, () -> a.state() == VrrpState.FAULT && b.state() == VrrpState.MASTER,
                () -> "A " + a.state() + ", B " + b.state());
        Await.until(WAIT, () -> hasAddress(lab.b, IF_B, VIP4) && !hasAddress(lab.a, IF_A, VIP4),
                () -> VethLab.addresses(lab.a, IF_A) + VethLab.addresses(lab.b, IF_B));

        lab.a.ip("link", "set", "vrrptp", "up");
        Await.until(WAIT, () -> a.state() == VrrpState.MASTER && b.state() == VrrpState.BACKUP,
                () -> "A " + a.state() + ", B " + b.state());
    }

    private static void waitForTcpdump(Path log) throws InterruptedException {
        Await.until(Duration.ofSeconds(20), () -> {
            try {
                return Files.exists(log) && Files.readString(log).contains("listening on");
            } catch (java.io.IOException e) {
                return false;
            }
        }, () -> "tcpdump did not start");
    }

    @Test
    void advertsThatWereRoutedAreDroppedForTheirTtl() throws Exception {
        a = NamespacedWorker.start(lab.a, state(instance(IF_A, 3, 100, 300), vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> a.state() == VrrpState.BACKUP, () -> "A " + a.state());
        VrrpConfig peer = VrrpConfig.builder("peer", 3, 51, Addr.of("192.0.2.2")).priority(200).advertIntervalCs(30)
                .vips(List.of(Addr.of("192.0.2.100"))).build();
        byte[] advert = VrrpCodec.encode(peer.advert(200), Endpoints.multicast(Addr.of("192.0.2.2")));
        int index = Integer.parseInt(lab.b.ip("-o", "link", "show", IF_B).split(":")[0]);
        try (io.lvsdirector.netlink.RawSocket s = lab.b.call(() -> io.lvsdirector.netlink.RawSocket.open(false, 112)
                .bindToDevice(IF_B).multicastSender(index, 64))) {
            for (int i = 0; i < 10; i++) {
                s.send(Endpoints.MULTICAST_V4, index, advert);
                Thread.sleep(100);
            }
        }
        Await.until(WAIT, () -> a.counters().drops(DropReason.BAD_TTL) >= 5, () -> "A " + a.status());
        assertEquals(0, a.counters().advertsReceived(), "a TTL-64 advert must not reach the state machine");
    }

    @Test
    void aDeadLoopIsVisibleToLiveness() throws Exception {
        a = NamespacedWorker.start(lab.a, state(instance(IF_A, 3, 100, 300), vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> a.state() == VrrpState.BACKUP, () -> "A " + a.state());
        assertTrue(a.worker.isAlive());
        a.worker.addListener(e -> {
            throw new Error("listener bug that escapes the loop");
        });
        a.worker.apply(state(instance(IF_A, 3, 120, 300), vip("192.0.2.100", 24))); // a transition calls it
        Await.until(WAIT, () -> !a.worker.isAlive(), () -> "still alive");
        assertTrue(a.worker.failure().orElseThrow().getMessage().contains("listener bug"));
    }

    @Test
    void aMasterRepeatsItsAnnouncementsAsConfigured() throws Exception {
        Path pcap = Files.createTempFile(Path.of("target"), "refresh", ".pcap");
        tcpdump = VethLab.spawn(lab.b, Path.of(pcap + ".log"), "tcpdump", "--immediate-mode", "-U", "-n", "-i", IF_B,
                "-w", pcap.toString(), "arp");
        waitForTcpdump(Path.of(pcap + ".log"));
        VrrpInstance refreshing = new VrrpInstance("vi", IF_A, 51, 255, 3, 300, true, 0, null, null, null, null,
                null, 2, 400, null); // owner: MASTER at once; 2 announcements, then one every 400 ms
        a = NamespacedWorker.start(lab.a, state(refreshing, vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> a.state() == VrrpState.MASTER, () -> "A " + a.state());
        Thread.sleep(3000);
        VethLab.terminate(tcpdump, Duration.ofSeconds(5));
        String capture = VethLab.exec(lab.b, "tcpdump", "-n", "-r", pcap.toString());
        long announcements = capture.lines().filter(l -> l.contains("who-has 192.0.2.100 tell 192.0.2.100")).count();
        // 2 at once plus about 7 refreshes in 3 s; generous bounds for a loaded machine, but clearly periodic
        assertTrue(announcements >= 2 + 4 && announcements <= 2 + 10, announcements + " announcements:\n" + capture);
    }

    @Test
    void losingThePrimaryAddressIsAFaultUntilItIsBack() throws Exception {
        a = NamespacedWorker.start(lab.a, state(instance(IF_A, 3, 100, 300), vip("192.0.2.100", 24)));
        Await.until(WAIT, () -> a.state() == VrrpState.BACKUP, () -> "A " + a.state());
        lab.a.ip("addr", "del", "192.0.2.1/24", "dev", IF_A);
        Await.until(WAIT, () -> a.state() == VrrpState.FAULT, () -> "A " + a.status());
        assertTrue(a.status().orElseThrow().problem().orElseThrow().contains("no IPv4 address"), a.status().toString());
        lab.a.ip("addr", "add", "192.0.2.9/24", "dev", IF_A);
        Await.until(WAIT, () -> a.state() == VrrpState.MASTER, () -> "A " + a.status());
        Await.until(WAIT, () -> hasAddress(lab.a, IF_A, "192.0.2.100/24"), () -> VethLab.addresses(lab.a, IF_A));
    }
}
