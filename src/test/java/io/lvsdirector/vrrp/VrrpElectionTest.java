package io.lvsdirector.vrrp;

import static io.lvsdirector.vrrp.SimulatedLan.nanos;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.vrrp.SimulatedLan.Event;
import io.lvsdirector.vrrp.VrrpAction.AddVips;
import io.lvsdirector.vrrp.VrrpAction.RemoveVips;
import io.lvsdirector.vrrp.VrrpAction.SendAdvert;
import io.lvsdirector.vrrp.VrrpAction.SendGratuitous;
import io.lvsdirector.vrrp.VrrpAction.StateChanged;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Routers elect over a simulated LAN in virtual time. VRRPv2 with a 1 s interval unless stated:
 * priority 200 has Skew_Time 56/256 s and Master_Down_Interval 3.21875 s; priority 100 has
 * 156/256 s = 0.609375 s and 3.609375 s.
 */
class VrrpElectionTest {

    static final InetAddress A = Addr.of("10.0.0.1");
    static final InetAddress B = Addr.of("10.0.0.2");
    static final InetAddress C = Addr.of("10.0.0.3");
    static final InetAddress VIP = Addr.of("10.0.0.100");
    static final List<InetAddress> VIPS = List.of(VIP);

    final SimulatedLan lan = new SimulatedLan();

    static VrrpConfig.Builder v2(String name, InetAddress primary, int priority) {
        return VrrpConfig.builder(name, 2, 51, primary).priority(priority).vips(VIPS);
    }

    static Event transition(double at, String router, VrrpState from, VrrpState to, TransitionReason reason) {
        return new Event(nanos(at), router, new StateChanged(from, to, reason));
    }

    @Test
    void higherPriorityBecomesMasterAfterItsMasterDownInterval() {
        lan.add("A", v2("A", A, 200).build());
        lan.add("B", v2("B", B, 100).build());
        lan.start("A");
        lan.start("B");
        lan.runUntil(10.0);

        assertEquals(List.of(
                transition(0, "A", VrrpState.INITIALIZE, VrrpState.BACKUP, TransitionReason.STARTUP),
                transition(3.21875, "A", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN)),
                lan.router("A").transitions());
        assertEquals(List.of(transition(0, "B", VrrpState.INITIALIZE, VrrpState.BACKUP, TransitionReason.STARTUP)),
                lan.router("B").transitions());
        assertEquals(List.of(
                new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                new AddVips(VIPS), new SendAdvert(200), new SendGratuitous(VIPS, 5)),
                lan.router("A").actionsAt(nanos(3.21875)));
        // One advert on becoming master, then one per second.
        assertEquals(List.of(3.21875, 4.21875, 5.21875, 6.21875, 7.21875, 8.21875, 9.21875).stream()
                .map(SimulatedLan::nanos).toList(), lan.router("A").advertTimes());
        assertEquals(7, lan.router("B").machine.counters().advertsReceived());
        assertEquals(Set.of(A), lan.holders(VIP));
        assertEquals(A, lan.router("B").machine.currentMaster().orElseThrow());
    }

    @Test
    void masterDeathIsDetectedAfterMasterDownInterval() {
        lan.add("A", v2("A", A, 200).build());
        lan.add("B", v2("B", B, 100).build());
        lan.start("A");
        lan.start("B");
        lan.at(10.0, () -> lan.kill("A"));
        lan.runUntil(20.0);
        // Last advert from A at 9.21875 s; B waits its 3.609375 s.
        assertEquals(List.of(
                transition(0, "B", VrrpState.INITIALIZE, VrrpState.BACKUP, TransitionReason.STARTUP),
                transition(12.828125, "B", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN)),
                lan.router("B").transitions());
        assertEquals(Set.of(B), lan.holders(VIP));
    }

    @Test
    void gracefulShutdownHandsOverAfterSkewTimeOnly() {
        lan.add("A", v2("A", A, 200).build());
        lan.add("B", v2("B", B, 100).build());
        lan.start("A");
        lan.start("B");
        lan.at(10.0, () -> lan.shutdown("A"));
        lan.runUntil(20.0);

        assertEquals(List.of(
                new StateChanged(VrrpState.MASTER, VrrpState.INITIALIZE, TransitionReason.SHUTDOWN),
                new SendAdvert(0), new RemoveVips(VIPS)), lan.router("A").actionsAt(nanos(10.0)));
        assertEquals(transition(10.609375, "B", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                lan.router("B").transitions().get(1));
        assertEquals(Set.of(B), lan.holders(VIP));
        assertEquals(1, lan.router("B").machine.counters().snapshot().priorityZeroReceived());
        assertTrue(lan.router("A").machine.nextDeadline().isEmpty(), "a stopped machine has no timers");
    }

    @Test
    void higherPriorityStartedLaterPreemptsAfterItsMasterDownInterval() {
        lan.add("A", v2("A", A, 200).build());
        lan.add("B", v2("B", B, 100).build());
        lan.start("B");
        lan.at(5.0, () -> lan.start("A"));
        lan.runUntil(12.0);

        // B's lower-priority adverts (4.609375 ... 7.609375) are ignored by A, whose timer runs out.
        assertEquals(transition(8.21875, "A", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                lan.router("A").transitions().get(1));
        assertEquals(List.of(
                new StateChanged(VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.PREEMPTED),
                new RemoveVips(VIPS)), lan.router("B").actionsAt(nanos(8.21875)));
        assertEquals(Set.of(A), lan.holders(VIP));
    }

    @Test
    void noPreemptLeavesALowerPriorityMasterInPlace() {
        lan.add("A", v2("A", A, 200).preempt(false).build());
        lan.add("B", v2("B", B, 100).build());
        lan.start("B");
        lan.at(5.0, () -> lan.start("A"));
        lan.runUntil(60.0);

        assertEquals(VrrpState.BACKUP, lan.router("A").machine.state());
        assertEquals(VrrpState.MASTER, lan.router("B").machine.state());
        assertEquals(1, lan.router("A").transitions().size());
        assertEquals(Set.of(B), lan.holders(VIP));
    }

    @Test
    void preemptDelayHoldsOffPreemptionUntilTheDelayHasPassed() {
        lan.add("A", v2("A", A, 200).preemptDelay(Duration.ofSeconds(10)).build());
        lan.add("B", v2("B", B, 100).build());
        lan.start("B");
        lan.at(5.0, () -> lan.start("A"));
        lan.runUntil(30.0);

        // Up to 15 s B's adverts are honoured; the last, at 14.609375 s, arms 14.609375 + 3.21875.
        assertEquals(List.of(
                transition(5.0, "A", VrrpState.INITIALIZE, VrrpState.BACKUP, TransitionReason.STARTUP),
                transition(17.828125, "A", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN)),
                lan.router("A").transitions());
        assertEquals(Set.of(A), lan.holders(VIP));
    }

    @Test
    void equalPrioritiesAreWonByTheHigherAddressComparedUnsigned() {
        // .200 is negative as a signed byte: a signed comparison would elect .100.
        InetAddress low = Addr.of("10.0.0.100");
        InetAddress high = Addr.of("10.0.0.200");
        List<InetAddress> vips = List.of(Addr.of("10.0.0.250"));
        lan.add("L", VrrpConfig.builder("L", 2, 51, low).vips(vips).build());
        lan.add("H", VrrpConfig.builder("H", 2, 51, high).vips(vips).build());
        lan.start("L");
        lan.start("H");
        lan.runUntil(10.0);

        // Both time out together and become master; on hearing each other the lower address yields.
        assertEquals(List.of(
                transition(0, "L", VrrpState.INITIALIZE, VrrpState.BACKUP, TransitionReason.STARTUP),
                transition(3.609375, "L", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                transition(3.609375, "L", VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.PREEMPTED)),
                lan.router("L").transitions());
        assertEquals(VrrpState.MASTER, lan.router("H").machine.state());
        assertEquals(Set.of(high), lan.holders(vips.get(0)));
    }

    @Test
    void threeRoutersFailOverInPriorityOrder() {
        lan.add("A", v2("A", A, 200).build());
        lan.add("B", v2("B", B, 150).build());
        lan.add("C", v2("C", C, 100).build());
        lan.start("A");
        lan.start("B");
        lan.start("C");
        lan.at(10.0, () -> lan.kill("A"));
        lan.at(20.0, () -> lan.kill("B"));
        lan.runUntil(30.0);

        // B: skew 106/256 s = 0.4140625, MDI 3.4140625; last advert of A at 9.21875.
        assertEquals(transition(12.6328125, "B", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                lan.router("B").transitions().get(1));
        assertEquals(2, lan.router("C").transitions().size(), "C took over only once B was gone too");
        // B advertises at 12.6328125 + k; last before 20 s is 19.6328125; C's MDI is 3.609375.
        assertEquals(transition(23.2421875, "C", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                lan.router("C").transitions().get(1));
        assertEquals(Set.of(C), lan.holders(VIP));
    }

    @Test
    void ownerWithPriority255IsMasterAtOnceAndTakesOver() {
        lan.add("A", v2("A", A, 255).build());
        lan.add("B", v2("B", B, 100).build());
        lan.start("B");
        lan.at(5.0, () -> lan.start("A"));
        lan.runUntil(8.0);

        assertEquals(List.of(
                new StateChanged(VrrpState.INITIALIZE, VrrpState.MASTER, TransitionReason.STARTUP_OWNER),
                new AddVips(VIPS), new SendAdvert(255), new SendGratuitous(VIPS, 5)),
                lan.router("A").actionsAt(nanos(5.0)));
        assertEquals(transition(5.0, "B", VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.PREEMPTED),
                lan.router("B").transitions().get(2));
        assertEquals(Set.of(A), lan.holders(VIP));
    }

    @Test
    void masterAnswersALowerPriorityAdvertAtOnceAfterAPartitionHeals() {
        lan.add("A", v2("A", A, 200).build());
        lan.add("B", v2("B", B, 100).build());
        lan.cut("A", true);
        lan.cut("B", true);
        lan.start("A");
        lan.start("B");
        lan.runUntil(10.3);
        assertEquals(VrrpState.MASTER, lan.router("A").machine.state());
        assertEquals(VrrpState.MASTER, lan.router("B").machine.state(), "split brain while partitioned");

        // Healed between A's advert at 10.21875 s and B's at 10.609375 s: A hears B first and answers.
        lan.cut("A", false);
        lan.cut("B", false);
        lan.runUntil(12.0);
        assertEquals(List.of(new SendAdvert(200)), lan.router("A").actionsAt(nanos(10.609375)));
        assertEquals(transition(10.609375, "B", VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.PREEMPTED),
                lan.router("B").transitions().get(2));
        // The answer does not move A's own schedule.
        assertTrue(lan.router("A").advertTimes().contains(nanos(11.21875)));
        assertEquals(Set.of(A), lan.holders(VIP));
    }

    @Test
    void masterRepeatsGratuitousArpsPeriodically() {
        lan.add("A", v2("A", A, 200).garpInitialRepeat(3).garpRefreshInterval(Duration.ofSeconds(2)).build());
        lan.start("A");
        lan.runUntil(10.0);
        List<Event> garps = lan.router("A").events().stream()
                .filter(e -> e.action() instanceof SendGratuitous).toList();
        assertEquals(List.of(
                new Event(nanos(3.21875), "A", new SendGratuitous(VIPS, 3)),
                new Event(nanos(5.21875), "A", new SendGratuitous(VIPS, 1)),
                new Event(nanos(7.21875), "A", new SendGratuitous(VIPS, 1)),
                new Event(nanos(9.21875), "A", new SendGratuitous(VIPS, 1))), garps);
    }

    @Test
    void trackedLinkDownFaultsTheMasterAndRecoveryPreemptsAgain() {
        lan.add("A", v2("A", A, 200).build());
        lan.add("B", v2("B", B, 100).build());
        lan.start("A");
        lan.start("B");
        lan.at(10.0, () -> lan.linkDown("A", "eth1"));
        lan.runUntil(15.0);
        assertEquals(List.of(
                new StateChanged(VrrpState.MASTER, VrrpState.FAULT, TransitionReason.TRACKED_LINK_DOWN),
                new SendAdvert(0), new RemoveVips(VIPS)), lan.router("A").actionsAt(nanos(10.0)));
        assertEquals(transition(10.609375, "B", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                lan.router("B").transitions().get(1));
        assertTrue(lan.router("A").machine.nextDeadline().isEmpty(), "FAULT neither advertises nor takes over");

        lan.at(20.0, () -> lan.linkUp("A", "eth1"));
        lan.runUntil(30.0);
        assertEquals(List.of(
                transition(20.0, "A", VrrpState.FAULT, VrrpState.BACKUP, TransitionReason.TRACKED_LINK_UP),
                transition(23.21875, "A", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN)),
                lan.router("A").transitions().subList(3, 5));
        assertEquals(Set.of(A), lan.holders(VIP));
    }

    @Test
    void faultPersistsUntilEveryTrackedLinkIsUp() {
        lan.add("A", v2("A", A, 200).build());
        lan.start("A");
        lan.at(5.0, () -> lan.linkDown("A", "eth1"));
        lan.at(6.0, () -> lan.linkDown("A", "eth2"));
        lan.at(7.0, () -> lan.linkUp("A", "eth1"));
        assertEquals(VrrpState.FAULT, lan.router("A").machine.state());
        lan.at(8.0, () -> lan.linkUp("A", "eth2"));
        assertEquals(VrrpState.BACKUP, lan.router("A").machine.state());
    }

    @Test
    void startingWithATrackedLinkDownGoesStraightToFault() {
        lan.add("A", v2("A", A, 255).build());
        lan.linkDown("A", "eth1");
        lan.start("A");
        assertEquals(List.of(transition(0, "A", VrrpState.INITIALIZE, VrrpState.FAULT, TransitionReason.TRACKED_LINK_DOWN)),
                lan.router("A").transitions());
        lan.at(1.0, () -> lan.linkUp("A", "eth1"));
        assertEquals(VrrpState.MASTER, lan.router("A").machine.state(), "the owner needs no election");
    }
}
