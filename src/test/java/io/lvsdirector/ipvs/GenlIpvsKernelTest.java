package io.lvsdirector.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.kernel.IpvsRule;
import io.lvsdirector.kernel.Ipvsadm;
import io.lvsdirector.kernel.KernelVm;
import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ForwardingMethod;
import io.lvsdirector.model.Persistence;
import io.lvsdirector.model.Protocol;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Scheduler;
import io.lvsdirector.model.SchedulerFlag;
import io.lvsdirector.model.Tunnel;
import io.lvsdirector.model.TunnelType;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VirtualService;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our generic-netlink client and reconciler against the real IPVS of the test VM, checked with
 * ipvsadm (an independent reader of the same kernel table).
 */
@Tag("kernel")
class GenlIpvsKernelTest {

    private static GenlIpvsKernel kernel;
    private final Ipvsadm ipvsadm = new Ipvsadm();

    /** Every kind of service and destination the API can express. */
    static final DesiredState STATE = new DesiredState(List.of(),
            List.of(new Vip("v4", "192.0.2.1", 32, null, null), new Vip("v6", "2001:db8::1", 128, null, null)),
            List.of(
                    new VirtualService("web", "v4", Protocol.TCP, 80, null, null, Scheduler.wrr, List.of(),
                            new Persistence(300, "255.255.255.0", null), false, ForwardingMethod.NAT),
                    new VirtualService("dns6", "v6", Protocol.UDP, 53, null, null, Scheduler.sh,
                            List.of(SchedulerFlag.SH_PORT), null, false, ForwardingMethod.NAT),
                    new VirtualService("mark", null, null, null, 42L, AddressFamily.INET6, Scheduler.lc, List.of(),
                            null, true, ForwardingMethod.DR)),
            List.of(
                    new RealServer("nat", "web", "198.51.100.10", 8080, 5, null, 100L, 10L, null, true),
                    new RealServer("dr", "web", "198.51.100.11", 80, 1, ForwardingMethod.DR, 0L, 0L, null, false),
                    new RealServer("tun", "web", "198.51.100.12", 80, 3, ForwardingMethod.TUN, 0L, 0L,
                            new Tunnel(TunnelType.gue, 6080, Tunnel.Checksum.NONE), true),
                    new RealServer("r6", "dns6", "2001:db8::10", 53, 2, null, 0L, 0L, null, true)));

    static final List<IpvsRule> EXPECTED = List.of(
            IpvsRule.service("fwmark 42 ipv6", "scheduler", "lc", "ops", "true"),
            IpvsRule.service("tcp 192.0.2.1:80", "scheduler", "wrr", "persistent", "300", "netmask", "255.255.255.0"),
            IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.10:8080",
                    "forward", "masq", "weight", "5", "u-threshold", "100", "l-threshold", "10"),
            IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.11:80", "forward", "route", "weight", "0"),
            IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.12:80", "forward", "tunnel", "weight", "3",
                    "tun-type", "gue", "tun-port", "6080", "tun-csum", "nocsum"),
            IpvsRule.service("udp [2001:db8::1]:53", "scheduler", "sh", "sched-flags", "sh-port"),
            IpvsRule.destination("udp [2001:db8::1]:53", "[2001:db8::10]:53", "forward", "masq", "weight", "2"));

    @BeforeAll
    static void open() throws IpvsUnavailableException {
        KernelVm.require();
        kernel = GenlIpvsKernel.open();
    }

    @AfterAll
    static void close() {
        if (kernel != null) {
            kernel.close();
        }
    }

    @BeforeEach
    void emptyTable() {
        ipvsadm.clear();
    }

    private static ReconcileResult reconcile(Reconciler r, DesiredState s) {
        return r.reconcile(s, 1, new DesiredTableBuilder().build(s), false);
    }

    @Test
    void infoReportsVersionAndTableSize() {
        IpvsInfo info = kernel.info();
        assertEquals("1.2.1", info.version());
        assertTrue(info.connectionTableSize() > 0);
        assertTrue(ipvsadm.ok("-Ln").stdout().contains("IP Virtual Server version 1.2.1 (size=" + info.connectionTableSize()));
    }

    @Test
    void reconcileProgramsExactlyTheDesiredTableAndThenDoesNothing() {
        Reconciler r = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC());
        ReconcileResult first = reconcile(r, STATE);
        assertTrue(first.inSync(), first.failures()::toString);
        assertEquals(7, first.applied().size(), first.applied()::toString);
        assertEquals(EXPECTED, ipvsadm.rules());

        // Reading back through our own dump gives the same table the planner wanted.
        assertTrue(Planner.plan(new DesiredTableBuilder().build(STATE), kernel.dump(), Set.of(), false).inSync());
        ReconcileResult again = reconcile(new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC()), STATE);
        assertEquals(List.of(), again.applied(), "an in-sync kernel gets zero operations");
    }

    @Test
    void repairsFlushAndManualWeightChange() {
        Reconciler r = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC());
        reconcile(r, STATE);
        ipvsadm.ok("-e", "-t", "192.0.2.1:80", "-r", "198.51.100.10:8080", "-m", "-w", "77", "-x", "100", "-y", "10");
        ReconcileResult repaired = reconcile(r, STATE);
        assertEquals(1, repaired.applied().size(), repaired.applied()::toString);
        assertTrue(repaired.applied().get(0).startsWith("edit destination 198.51.100.10:8080"), repaired.applied()::toString);
        assertEquals(EXPECTED, ipvsadm.rules());

        ipvsadm.clear();
        assertEquals(7, reconcile(r, STATE).applied().size());
        assertEquals(EXPECTED, ipvsadm.rules());
    }

    @Test
    void schedulerChangeKeepsTheServiceAndItsDestinations() {
        Reconciler r = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC());
        reconcile(r, STATE);
        List<VirtualService> changed = STATE.virtualServices().stream()
                .map(v -> v.name().equals("web") ? new VirtualService(v.name(), v.vip(), v.protocol(), v.port(), null,
                        null, Scheduler.rr, List.of(), v.persistence(), false, v.forwarding()) : v)
                .toList();
        DesiredState s2 = new DesiredState(List.of(), STATE.vips(), changed, STATE.realServers());
        ReconcileResult res = reconcile(r, s2);
        assertEquals(List.of("edit service TCP 192.0.2.1:80 scheduler rr"), res.applied());
        assertTrue(ipvsadm.rules().contains(IpvsRule.service("tcp 192.0.2.1:80", "scheduler", "rr", "persistent",
                "300", "netmask", "255.255.255.0")));
    }

    @Test
    void unknownSchedulerFailsOnlyItsServiceWithTheKernelsReason() {
        KernelTable good = new DesiredTableBuilder().build(STATE);
        TreeMap<ServiceKey, KernelTable.Entry> services = new TreeMap<>(good.services());
        KernelTable.Entry web = services.values().stream().filter(e -> "web".equals(e.owner())).findFirst().orElseThrow();
        KernelService bad = new KernelService(web.service().key(), "nosuch", web.service().flags(),
                web.service().timeoutSeconds(), web.service().netmask(), null);
        services.put(bad.key(), new KernelTable.Entry(bad, web.destinations(), "web", web.destinationOwners()));
        ReconcileResult res = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC())
                .reconcile(STATE, 1, new KernelTable(services), false);
        assertEquals(1, res.failures().size(), res.failures()::toString);
        assertEquals("virtual-service web", res.failures().get(0).object());
        assertTrue(res.failures().get(0).reason().contains("ENOENT"), res.failures().get(0).reason());
        List<IpvsRule> rules = ipvsadm.rules();
        assertEquals(3, rules.size(), "the two other services and their destination are there: " + rules);
    }

    @Test
    void batchedReconcileProgramsTheSameTableInFewSends() {
        Reconciler r = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC(), 64);
        long sendsBefore = kernel.socket().stats().sendCalls();
        ReconcileResult first = reconcile(r, STATE);
        long sends = kernel.socket().stats().sendCalls() - sendsBefore;
        assertTrue(first.inSync(), first.failures()::toString);
        assertEquals(7, first.applied().size(), first.applied()::toString);
        assertEquals(EXPECTED, ipvsadm.rules());
        // 1 service dump, then the 3 services in one send and the 4 destinations of the added ones in another
        // (the destination dumps of an empty table are none)
        assertEquals(3, sends, "sendto calls for the whole pass");
        assertEquals(List.of(), reconcile(r, STATE).applied(), "an in-sync kernel gets zero operations");
    }

    @Test
    void batchedReconcileReportsAnUnknownSchedulerAgainstItsServiceOnly() {
        KernelTable good = new DesiredTableBuilder().build(STATE);
        TreeMap<ServiceKey, KernelTable.Entry> services = new TreeMap<>(good.services());
        KernelTable.Entry web = services.values().stream().filter(e -> "web".equals(e.owner())).findFirst().orElseThrow();
        KernelService bad = new KernelService(web.service().key(), "nosuch", web.service().flags(),
                web.service().timeoutSeconds(), web.service().netmask(), null);
        services.put(bad.key(), new KernelTable.Entry(bad, web.destinations(), "web", web.destinationOwners()));
        ReconcileResult res = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC(), 64)
                .reconcile(STATE, 1, new KernelTable(services), false);
        assertEquals(1, res.failures().size(), "web's three destinations are not tried: " + res.failures());
        assertEquals("virtual-service web", res.failures().get(0).object());
        assertTrue(res.failures().get(0).reason().contains("ENOENT"), res.failures().get(0).reason());
        assertEquals(3, res.applied().size(), res.applied()::toString);
        assertEquals(3, ipvsadm.rules().size(), "the two other services and their destination are there");
    }

    @Test
    void statsTimeoutsFlushAndZero() {
        reconcile(new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC()), STATE);
        IpvsDump dump = kernel.dumpWithStats();
        assertEquals(3, dump.services().size());
        assertEquals(4, dump.services().stream().mapToInt(s -> s.destinations().size()).sum());
        assertEquals(0, dump.services().get(0).stats().connections());
        kernel.zero(null);

        IpvsTimeouts before = kernel.timeouts();
        try {
            kernel.setTimeouts(new IpvsTimeouts(901, 121, 301));
            assertEquals(new IpvsTimeouts(901, 121, 301), kernel.timeouts());
            assertTrue(ipvsadm.ok("-L", "--timeout").stdout().contains("(tcp tcpfin udp): 901 121 301"));
        } finally {
            kernel.setTimeouts(before);
        }

        kernel.flush();
        assertEquals(List.of(), ipvsadm.rules());
        assertTrue(kernel.dump().services().isEmpty());
    }

    @Test
    void syncDaemonStartsAndStops() throws Exception {
        // A dummy interface inside the VM: multicast-capable, carries nothing anywhere.
        new ProcessBuilder("ip", "link", "add", "lvssync0", "type", "dummy").inheritIO().start().waitFor();
        new ProcessBuilder("ip", "link", "set", "lvssync0", "multicast", "on", "up").inheritIO().start().waitFor();
        try {
            kernel.startSyncDaemon(new SyncDaemon(SyncDaemon.Role.MASTER, "lvssync0", 7));
            assertEquals(List.of(new SyncDaemon(SyncDaemon.Role.MASTER, "lvssync0", 7)), kernel.syncDaemons());
            String shown = ipvsadm.ok("-L", "--daemon").stdout();
            assertTrue(shown.contains("master sync daemon (mcast=lvssync0, syncid=7,"), shown);
            kernel.stopSyncDaemon(SyncDaemon.Role.MASTER);
            assertFalse(ipvsadm.ok("-L", "--daemon").stdout().contains("master"));
        } finally {
            new ProcessBuilder("ip", "link", "del", "lvssync0").inheritIO().start().waitFor();
        }
    }
}
