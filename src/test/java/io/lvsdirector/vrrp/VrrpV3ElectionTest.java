package io.lvsdirector.vrrp;

import static io.lvsdirector.vrrp.SimulatedLan.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** VRRPv3: centisecond intervals, Master_Adver_Interval learning, IPv6, checksum modes on the wire. */
class VrrpV3ElectionTest {

    final SimulatedLan lan = new SimulatedLan();

    @Test
    void backupLearnsTheMastersIntervalAndDetectsItsDeathAccordingly() {
        InetAddress a = Addr.of("10.0.0.1");
        InetAddress b = Addr.of("10.0.0.2");
        List<InetAddress> vips = List.of(Addr.of("10.0.0.100"));
        lan.add("A", VrrpConfig.builder("A", 3, 7, a).priority(200).advertIntervalCs(50).vips(vips).build());
        lan.add("B", VrrpConfig.builder("B", 3, 7, b).priority(100).advertIntervalCs(100).vips(vips).build());
        lan.start("A");
        lan.start("B");
        lan.at(10.0, () -> lan.kill("A"));
        assertEquals(500_000_000L, lan.router("B").machine.masterAdverIntervalNanos());
        assertEquals(1_804_687_500L, lan.router("B").machine.masterDownNanos()); // 3*0.5 + 156*0.5/256
        lan.runUntil(20.0);

        // A: MDI 1.5 + 56*0.5/256 = 1.609375 s; adverts every 0.5 s, the last before 10 s at 9.609375 s.
        assertEquals(VrrpElectionTest.transition(1.609375, "A", VrrpState.BACKUP, VrrpState.MASTER,
                TransitionReason.MASTER_DOWN), lan.router("A").transitions().get(1));
        assertEquals(VrrpElectionTest.transition(11.4140625, "B", VrrpState.BACKUP, VrrpState.MASTER,
                TransitionReason.MASTER_DOWN), lan.router("B").transitions().get(1));
        // As master, B sends at its own configured interval.
        assertEquals(nanos(12.4140625), (long) lan.router("B").advertTimes().get(1));
        assertEquals(Set.of(b), lan.holders(vips.get(0)));
    }

    @Test
    void fastIntervalTakeoverAfterKillIsUnderHalfASecond() {
        InetAddress a = Addr.of("10.0.0.1");
        InetAddress b = Addr.of("10.0.0.2");
        lan.add("A", VrrpConfig.builder("A", 3, 7, a).priority(200).advertIntervalCs(10).build());
        lan.add("B", VrrpConfig.builder("B", 3, 7, b).priority(100).advertIntervalCs(10).build());
        lan.start("A");
        lan.start("B");
        lan.runUntil(5.0);
        long lastAdvert = lan.router("A").advertTimes().get(lan.router("A").advertTimes().size() - 1);
        lan.kill("A");
        lan.runUntil(10.0);
        long takeover = lan.router("B").transitions().get(1).at();
        // 3 * 0.1 + 156 * 0.1 / 256 = 0.36093750 s after the last advert
        assertEquals(360_937_500L, takeover - lastAdvert);
    }

    @Test
    void ipv6ElectionComparesSixteenByteAddresses() {
        InetAddress low = Addr.of("fe80::1:1");
        InetAddress high = Addr.of("fe80::ff00:1");
        List<InetAddress> vips = List.of(Addr.of("fe80::100"), Addr.of("2001:db8::100"));
        lan.add("L", VrrpConfig.builder("L", 3, 9, low).vips(vips).build());
        lan.add("H", VrrpConfig.builder("H", 3, 9, high).vips(vips).build());
        lan.start("L");
        lan.start("H");
        lan.runUntil(10.0);
        assertEquals(VrrpState.BACKUP, lan.router("L").machine.state());
        assertEquals(VrrpState.MASTER, lan.router("H").machine.state());
        assertEquals(Set.of(high), lan.holders(vips.get(1)));
    }

    @Test
    void mismatchedIpv4ChecksumModesCannotHearEachOther() {
        InetAddress a = Addr.of("10.0.0.1");
        InetAddress b = Addr.of("10.0.0.2");
        lan.add("A", VrrpConfig.builder("A", 3, 7, a).priority(200).checksumMode(ChecksumMode.PSEUDO_HEADER).build());
        lan.add("B", VrrpConfig.builder("B", 3, 7, b).priority(100).checksumMode(ChecksumMode.AS_V2).build());
        lan.start("A");
        lan.start("B");
        lan.runUntil(10.0);
        // Each drops the other's adverts, so both end up MASTER: why the mode must match the peer's.
        assertEquals(VrrpState.MASTER, lan.router("A").machine.state());
        assertEquals(VrrpState.MASTER, lan.router("B").machine.state());
        assertEquals(lan.router("A").advertTimes().size(),
                lan.router("B").machine.counters().drops(DropReason.BAD_CHECKSUM));
        assertEquals(0, lan.router("B").machine.counters().advertsReceived());
    }

    @Test
    void v2RoutersWithDifferentIntervalsDropEachOthersAdverts() {
        InetAddress a = Addr.of("10.0.0.1");
        InetAddress b = Addr.of("10.0.0.2");
        lan.add("A", VrrpConfig.builder("A", 2, 7, a).priority(200).advertIntervalCs(100).build());
        lan.add("B", VrrpConfig.builder("B", 2, 7, b).priority(100).advertIntervalCs(200).build());
        lan.start("A");
        lan.start("B");
        lan.runUntil(20.0);
        assertEquals(lan.router("A").advertTimes().size(),
                lan.router("B").machine.counters().drops(DropReason.INTERVAL_MISMATCH));
        assertEquals(VrrpState.MASTER, lan.router("B").machine.state());
        // v2 never learns: B's Master_Adver_Interval stays its own.
        assertEquals(2_000_000_000L, lan.router("B").machine.masterAdverIntervalNanos());
    }
}
