package io.lvsdirector.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ForwardingMethod;
import io.lvsdirector.model.Persistence;
import io.lvsdirector.model.Protocol;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Scheduler;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VirtualService;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final Vip VIP = new Vip("web-vip", "192.0.2.10", 32, null, null);

    private static VirtualService http(Scheduler s) {
        return new VirtualService("web-http", "web-vip", Protocol.TCP, 80, null, null, s, List.of(), null, false,
                ForwardingMethod.NAT);
    }

    private static RealServer rs(String name, String addr, int weight) {
        return new RealServer(name, "web-http", addr, 8080, weight, null, 0L, 0L, null, true);
    }

    private static KernelTable table(VirtualService vs, RealServer... servers) {
        return new DesiredTableBuilder().build(new DesiredState(List.of(), List.of(VIP), List.of(vs), List.of(servers)));
    }

    /** A kernel dump carries no owners; strip them so tests compare like the reconciler does. */
    private static KernelTable dumped(KernelTable t) {
        java.util.TreeMap<ServiceKey, KernelTable.Entry> m = new java.util.TreeMap<>();
        t.services().forEach((k, e) -> m.put(k, KernelTable.Entry.dumped(
                new KernelService(k, e.service().scheduler(), e.service().flags() | IpvsConstants.SVC_F_HASHED,
                        e.service().timeoutSeconds(), e.service().netmask(), ""),
                e.destinations())));
        return new KernelTable(m);
    }

    @Test
    void emptyKernelGetsServiceThenDestinations() {
        KernelTable want = table(http(Scheduler.wrr), rs("a", "10.0.0.1", 5), rs("b", "10.0.0.2", 7));
        Planner.Plan plan = Planner.plan(want, KernelTable.EMPTY, Set.of(), false);
        assertEquals(3, plan.ops().size());
        IpvsOp.AddService add = assertInstanceOf(IpvsOp.AddService.class, plan.ops().get(0));
        assertEquals("wrr", add.spec().scheduler());
        assertEquals("web-http", add.owner());
        IpvsOp.AddDestination d = assertInstanceOf(IpvsOp.AddDestination.class, plan.ops().get(1));
        assertEquals("a", d.owner());
        assertEquals(5, d.spec().weight());
        assertEquals(8080, d.spec().key().port());
    }

    @Test
    void inSyncTableNeedsNothingEvenThoughKernelAddsHashedFlag() {
        KernelTable want = table(http(Scheduler.wrr), rs("a", "10.0.0.1", 5));
        Planner.Plan plan = Planner.plan(want, dumped(want), Set.of(), false);
        assertTrue(plan.inSync(), () -> "unexpected ops " + plan.ops());
    }

    @Test
    void weightChangeIsOneEditInPlace() {
        KernelTable have = dumped(table(http(Scheduler.wrr), rs("a", "10.0.0.1", 5), rs("b", "10.0.0.2", 7)));
        KernelTable want = table(http(Scheduler.wrr), rs("a", "10.0.0.1", 5), rs("b", "10.0.0.2", 9));
        Planner.Plan plan = Planner.plan(want, have, Set.of(), false);
        assertEquals(1, plan.ops().size());
        IpvsOp.EditDestination e = assertInstanceOf(IpvsOp.EditDestination.class, plan.ops().get(0));
        assertEquals(9, e.spec().weight());
        assertEquals("b", e.owner());
    }

    @Test
    void schedulerChangeIsAnEditNotARecreate() {
        KernelTable have = dumped(table(http(Scheduler.wrr), rs("a", "10.0.0.1", 5)));
        KernelTable want = table(http(Scheduler.lc), rs("a", "10.0.0.1", 5));
        Planner.Plan plan = Planner.plan(want, have, Set.of(), false);
        assertEquals(1, plan.ops().size());
        assertEquals("lc", assertInstanceOf(IpvsOp.EditService.class, plan.ops().get(0)).spec().scheduler());
    }

    @Test
    void forwardingChangeIsAnEdit() {
        KernelTable have = dumped(table(http(Scheduler.wrr), rs("a", "10.0.0.1", 5)));
        RealServer dr = new RealServer("a", "web-http", "10.0.0.1", 8080, 5, ForwardingMethod.DR, 0L, 0L, null, true);
        Planner.Plan plan = Planner.plan(table(http(Scheduler.wrr), dr), have, Set.of(), false);
        IpvsOp.EditDestination e = assertInstanceOf(IpvsOp.EditDestination.class, plan.ops().get(0));
        assertEquals(IpvsConstants.CONN_F_DROUTE, e.spec().forwarding());
    }

    @Test
    void removedDestinationIsDeletedBeforeAdds() {
        KernelTable have = dumped(table(http(Scheduler.wrr), rs("a", "10.0.0.1", 5)));
        KernelTable want = table(http(Scheduler.wrr), rs("b", "10.0.0.2", 5));
        Planner.Plan plan = Planner.plan(want, have, Set.of(), false);
        assertEquals(2, plan.ops().size());
        assertInstanceOf(IpvsOp.DeleteDestination.class, plan.ops().get(0));
        assertInstanceOf(IpvsOp.AddDestination.class, plan.ops().get(1));
    }

    @Test
    void foreignServicesAreReportedAndLeftAloneUnlessPurging() {
        VirtualService other = new VirtualService("other", "web-vip", Protocol.UDP, 53, null, null, Scheduler.rr,
                List.of(), null, false, ForwardingMethod.NAT);
        KernelTable foreignTable = dumped(new DesiredTableBuilder().build(
                new DesiredState(List.of(), List.of(VIP), List.of(other), List.of())));
        Planner.Plan keep = Planner.plan(KernelTable.EMPTY, foreignTable, Set.of(), false);
        assertTrue(keep.inSync());
        assertEquals(1, keep.foreign().size());
        assertEquals("UDP 192.0.2.10:53", keep.foreign().get(0).toString());

        Planner.Plan purge = Planner.plan(KernelTable.EMPTY, foreignTable, Set.of(), true);
        assertInstanceOf(IpvsOp.DeleteService.class, purge.ops().get(0));
    }

    @Test
    void servicesWeCreatedAreDeletedWhenNoLongerDesired() {
        KernelTable have = dumped(table(http(Scheduler.wrr)));
        ServiceKey key = have.services().firstKey();
        Planner.Plan plan = Planner.plan(KernelTable.EMPTY, have, Set.of(key), false);
        assertEquals(List.of(new IpvsOp.DeleteService(key, null)), plan.ops());
        assertTrue(plan.foreign().isEmpty());
    }

    @Test
    void persistenceAndSchedulerFlagsTranslateToKernelFlags() {
        VirtualService sh = new VirtualService("web-http", "web-vip", Protocol.TCP, 80, null, null, Scheduler.sh,
                List.of(io.lvsdirector.model.SchedulerFlag.SH_PORT), new Persistence(300, "255.255.255.0", null), true,
                ForwardingMethod.DR);
        KernelService svc = table(sh).services().values().iterator().next().service();
        assertEquals(IpvsConstants.SVC_F_PERSISTENT | IpvsConstants.SVC_F_ONEPACKET | IpvsConstants.SVC_F_SCHED2,
                svc.flags());
        assertEquals(300, svc.timeoutSeconds());
        assertEquals(0xFFFFFF00, svc.netmask());
    }

    @Test
    void fwmarkServiceKeyAndDrainedServerWeight() {
        VirtualService fwm = new VirtualService("web-fwm", null, null, null, 10L, AddressFamily.INET6, Scheduler.rr,
                List.of(), new Persistence(60, null, 64), false, ForwardingMethod.DR);
        RealServer drained = new RealServer("a", "web-fwm", "2001:db8::1", null, 100, null, 0L, 0L, null, false);
        KernelTable t = new DesiredTableBuilder().build(
                new DesiredState(List.of(), List.of(), List.of(fwm), List.of(drained)));
        KernelTable.Entry e = t.services().values().iterator().next();
        assertEquals("FWM 10 IPv6", e.service().key().toString());
        assertEquals(64, e.service().netmask());
        KernelDestination d = e.destinations().values().iterator().next();
        assertEquals(0, d.weight());
        assertEquals(0, d.key().port());
    }
}
