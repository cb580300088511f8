package io.lvsdirector.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ForwardingMethod;
import io.lvsdirector.model.Protocol;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Scheduler;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VirtualService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reconciler's logic against an in-memory table (the real kernel is tested in the VM). */
class ReconcilerTest {

    private final InMemoryKernel kernel = new InMemoryKernel();

    private static DesiredState state(Scheduler second, int weight) {
        Vip vip = new Vip("vip", "192.0.2.10", 32, null, null);
        List<VirtualService> services = List.of(
                new VirtualService("a", "vip", Protocol.TCP, 80, null, null, Scheduler.wrr, List.of(), null, false,
                        ForwardingMethod.NAT),
                new VirtualService("b", "vip", Protocol.TCP, 443, null, null, second, List.of(), null, false,
                        ForwardingMethod.NAT));
        List<RealServer> servers = new ArrayList<>();
        for (String vs : List.of("a", "b")) {
            servers.add(new RealServer("r1", vs, "10.0.0.1", 8080, weight, null, 0L, 0L, null, true));
            servers.add(new RealServer("r2", vs, "10.0.0.2", 8080, 1, null, 0L, 0L, null, true));
        }
        return new DesiredState(List.of(), List.of(vip), services, servers);
    }

    private ReconcileResult run(Reconciler r, DesiredState s) {
        return r.reconcile(s, 1, new DesiredTableBuilder().build(s), false);
    }

    @Test
    void reachesSyncThenDoesNothing() {
        Reconciler r = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC());
        ReconcileResult first = run(r, state(Scheduler.rr, 3));
        assertTrue(first.inSync(), first.failures()::toString);
        assertEquals(6, first.applied().size());
        kernel.writes.clear();
        ReconcileResult second = run(r, state(Scheduler.rr, 3));
        assertEquals(List.of(), second.applied());
        assertEquals(List.of(), kernel.writes);
    }

    @Test
    void repairsAFlushAndAManualWeightChange() {
        Reconciler r = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC());
        run(r, state(Scheduler.rr, 3));
        KernelTable.Entry a = kernel.dump().services().values().iterator().next();
        KernelDestination d = a.destinations().values().iterator().next();
        kernel.apply(new IpvsOp.EditDestination(a.service().key(), new KernelDestination(d.key(), d.forwarding(), 77,
                0, 0, 0, 0, 0), null));
        kernel.writes.clear();
        ReconcileResult repaired = run(r, state(Scheduler.rr, 3));
        assertEquals(1, kernel.writes.size(), repaired.applied()::toString);
        kernel.flush();
        assertEquals(6, run(r, state(Scheduler.rr, 3)).applied().size());
    }

    @Test
    void aMissingSchedulerFailsOnlyItsService() {
        Reconciler r = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC());
        ReconcileResult res = run(r, state(Scheduler.twos, 3));
        assertEquals(1, res.failures().size(), res.failures()::toString);
        ReconcileResult.Failure f = res.failures().get(0);
        assertEquals("virtual-service b", f.object());
        assertTrue(f.reason().contains("scheduler twos"), f.reason());
        assertEquals(3, res.applied().size(), "service a and its two destinations still applied");
        assertEquals(1, kernel.dump().services().size());
    }

    @Test
    void servicesDeletedWhileDownAreRemovedAfterRestart(@TempDir Path dir) {
        Path ownedFile = dir.resolve("ipvs-owned");
        run(new Reconciler(kernel, new OwnedServices(ownedFile), Clock.systemUTC()), state(Scheduler.rr, 3));
        assertEquals(2, kernel.dump().services().size());

        // "Restart" with a state that no longer has service b: it is ours, so it goes.
        DesiredState onlyA = new DesiredState(List.of(), state(Scheduler.rr, 3).vips(),
                List.of(state(Scheduler.rr, 3).virtualServices().get(0)), state(Scheduler.rr, 3).realServersOf("a"));
        Reconciler restarted = new Reconciler(kernel, new OwnedServices(ownedFile), Clock.systemUTC());
        ReconcileResult res = run(restarted, onlyA);
        assertTrue(res.foreign().isEmpty(), res.foreign()::toString);
        assertEquals(1, kernel.dump().services().size());
        assertEquals(1, new OwnedServices(ownedFile).keys().size());
    }
}
