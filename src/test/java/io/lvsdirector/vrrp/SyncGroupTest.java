package io.lvsdirector.vrrp;

import static io.lvsdirector.vrrp.VrrpElectionTest.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.vrrp.VrrpAction.AddVips;
import io.lvsdirector.vrrp.VrrpAction.SendAdvert;
import io.lvsdirector.vrrp.VrrpAction.SendGratuitous;
import io.lvsdirector.vrrp.VrrpAction.StateChanged;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two hosts, each with two instances (VRID 1 and 2) in one sync group: host A at priority 200,
 * host B at 100 (v2, 1 s).
 */
class SyncGroupTest {

    static final InetAddress A = Addr.of("10.0.0.1");
    static final InetAddress B = Addr.of("10.0.0.2");
    static final InetAddress VIP1 = Addr.of("10.0.0.101");
    static final InetAddress VIP2 = Addr.of("10.0.0.102");

    final SimulatedLan lan = new SimulatedLan();

    void twoHosts() {
        lan.add("A1", VrrpConfig.builder("A1", 2, 1, A).priority(200).vips(List.of(VIP1)).build());
        lan.add("A2", VrrpConfig.builder("A2", 2, 2, A).priority(200).vips(List.of(VIP2)).build());
        lan.add("B1", VrrpConfig.builder("B1", 2, 1, B).priority(100).vips(List.of(VIP1)).build());
        lan.add("B2", VrrpConfig.builder("B2", 2, 2, B).priority(100).vips(List.of(VIP2)).build());
        lan.group("GA", "A1", "A2");
        lan.group("GB", "B1", "B2");
        for (String r : List.of("A1", "A2", "B1", "B2")) {
            lan.start(r);
        }
    }

    @Test
    void oneMemberBecomingMasterTakesTheOthersAlong() {
        twoHosts();
        lan.runUntil(5.0);
        assertEquals(transition(3.21875, "A1", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                lan.router("A1").transitions().get(1));
        assertEquals(List.of(
                new StateChanged(VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.SYNC_GROUP),
                new AddVips(List.of(VIP2)), new SendAdvert(200), new SendGratuitous(List.of(VIP2), 5)),
                lan.router("A2").actionsAt(SimulatedLan.nanos(3.21875)));
        assertEquals(Set.of(A), lan.holders(VIP1));
        assertEquals(Set.of(A), lan.holders(VIP2));
        // Other VRIDs on the same LAN are counted, not used.
        assertTrue(lan.router("B1").machine.counters().drops(DropReason.VRID_MISMATCH) > 0);
    }

    @Test
    void aFaultInOneMemberFaultsTheGroupAndRecoveryBringsItBack() {
        twoHosts();
        lan.at(10.0, () -> lan.linkDown("A1", "eth1"));
        lan.runUntil(15.0);
        assertEquals(List.of(
                transition(10.0, "A1", VrrpState.MASTER, VrrpState.FAULT, TransitionReason.TRACKED_LINK_DOWN)),
                lan.router("A1").transitions().subList(2, 3));
        assertEquals(List.of(
                transition(10.0, "A2", VrrpState.MASTER, VrrpState.FAULT, TransitionReason.SYNC_GROUP)),
                lan.router("A2").transitions().subList(2, 3));
        // Both resigned with priority 0; B1's timer fires first (same deadline, added first) and pulls B2.
        assertEquals(transition(10.609375, "B1", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                lan.router("B1").transitions().get(1));
        assertEquals(transition(10.609375, "B2", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.SYNC_GROUP),
                lan.router("B2").transitions().get(1));
        assertEquals(Set.of(B), lan.holders(VIP1));
        assertEquals(Set.of(B), lan.holders(VIP2));

        lan.at(20.0, () -> lan.linkUp("A1", "eth1"));
        lan.runUntil(30.0);
        assertEquals(transition(20.0, "A2", VrrpState.FAULT, VrrpState.BACKUP, TransitionReason.SYNC_GROUP),
                lan.router("A2").transitions().get(3));
        assertEquals(transition(23.21875, "A1", VrrpState.BACKUP, VrrpState.MASTER, TransitionReason.MASTER_DOWN),
                lan.router("A1").transitions().get(4));
        // B1 is preempted by A1's advert, and B2 falls back with it.
        assertEquals(transition(23.21875, "B1", VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.PREEMPTED),
                lan.router("B1").transitions().get(2));
        assertEquals(transition(23.21875, "B2", VrrpState.MASTER, VrrpState.BACKUP, TransitionReason.SYNC_GROUP),
                lan.router("B2").transitions().get(2));
        assertEquals(Set.of(A), lan.holders(VIP1));
        assertEquals(Set.of(A), lan.holders(VIP2));
    }

    @Test
    void groupFaultLastsWhileAnyMemberHasAFaultOfItsOwn() {
        VirtualClock clock = new VirtualClock();
        Map<String, VrrpStateMachine> members = new LinkedHashMap<>();
        members.put("x", new VrrpStateMachine(VrrpConfig.builder("x", 2, 1, A).build(), clock));
        members.put("y", new VrrpStateMachine(VrrpConfig.builder("y", 2, 2, A).build(), clock));
        SyncGroup g = new SyncGroup("g", members);
        g.dispatch("x", VrrpStateMachine::start);
        g.dispatch("y", VrrpStateMachine::start);
        g.dispatch("x", m -> m.trackedLinkDown("eth1"));
        g.dispatch("y", m -> m.trackedLinkDown("eth2"));
        g.dispatch("x", m -> m.trackedLinkUp("eth1"));
        assertEquals(VrrpState.FAULT, members.get("x").state(), "y still has its own fault");
        assertEquals(VrrpState.FAULT, members.get("y").state());
        Map<String, List<VrrpAction>> out = g.dispatch("y", m -> m.trackedLinkUp("eth2"));
        assertEquals(List.of(new StateChanged(VrrpState.FAULT, VrrpState.BACKUP, TransitionReason.TRACKED_LINK_UP)),
                out.get("y"));
        assertEquals(List.of(new StateChanged(VrrpState.FAULT, VrrpState.BACKUP, TransitionReason.SYNC_GROUP)),
                out.get("x"));
        assertThrows(IllegalArgumentException.class, () -> g.dispatch("z", VrrpStateMachine::start));
    }
}
