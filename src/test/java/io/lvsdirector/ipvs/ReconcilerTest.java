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

    @Test
    void batchedPassesReachTheSameTableWithServicesBeforeTheirDestinations() {
        Reconciler batched = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC(), 64);
        ReconcileResult first = run(batched, state(Scheduler.rr, 3));
        assertTrue(first.inSync(), first.failures()::toString);
        assertEquals(6, first.applied().size());
        assertEquals(List.of(2, 4), kernel.batches, "service adds, then the destinations of the added services");

        InMemoryKernel opByOp = new InMemoryKernel();
        run(new Reconciler(opByOp, new OwnedServices(null), Clock.systemUTC()), state(Scheduler.rr, 3));
        assertEquals(opByOp.dump(), kernel.dump());

        kernel.batches.clear();
        kernel.writes.clear();
        assertEquals(List.of(), run(batched, state(Scheduler.rr, 3)).applied());
        assertEquals(List.of(), kernel.batches, "nothing to send when in sync");

        // Edits of existing objects need no second batch.
        ReconcileResult edit = run(batched, state(Scheduler.wlc, 9));
        assertEquals(List.of("edit destination 10.0.0.1:8080 of TCP 192.0.2.10:80 weight 9",
                "edit service TCP 192.0.2.10:443 scheduler wlc",
                "edit destination 10.0.0.1:8080 of TCP 192.0.2.10:443 weight 9"), edit.applied());
        assertEquals(List.of(3), kernel.batches);
    }

    @Test
    void batchedPassReportsAFailedServiceAndSkipsItsDestinations() {
        Reconciler batched = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC(), 64);
        ReconcileResult res = run(batched, state(Scheduler.twos, 3));
        assertEquals(1, res.failures().size(), res.failures()::toString);
        assertEquals("virtual-service b", res.failures().get(0).object());
        assertTrue(res.failures().get(0).reason().contains("scheduler twos"), res.failures().get(0).reason());
        assertEquals(3, res.applied().size(), "service a and its two destinations still applied");
        assertEquals(List.of(2, 2), kernel.batches, "b's destinations were not sent");
        assertTrue(kernel.writes.stream().noneMatch(op -> op instanceof IpvsOp.AddDestination
                && op.service().port() == 443), kernel.writes::toString);
    }

    @Test
    void batchedPassesKeepTheOwnedServicesFile(@TempDir Path dir) {
        Path ownedFile = dir.resolve("ipvs-owned");
        run(new Reconciler(kernel, new OwnedServices(ownedFile), Clock.systemUTC(), 16), state(Scheduler.rr, 3));
        assertEquals(2, new OwnedServices(ownedFile).keys().size());

        DesiredState onlyA = new DesiredState(List.of(), state(Scheduler.rr, 3).vips(),
                List.of(state(Scheduler.rr, 3).virtualServices().get(0)), state(Scheduler.rr, 3).realServersOf("a"));
        ReconcileResult res = run(new Reconciler(kernel, new OwnedServices(ownedFile), Clock.systemUTC(), 16), onlyA);
        assertEquals(List.of("delete service TCP 192.0.2.10:443"), res.applied());
        assertEquals(1, kernel.dump().services().size());
        assertEquals(1, new OwnedServices(ownedFile).keys().size());
    }
}
