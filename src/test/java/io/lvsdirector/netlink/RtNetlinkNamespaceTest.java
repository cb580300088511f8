package io.lvsdirector.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rtnetlink against the real kernel, inside a namespace this class creates (and always deletes) with a veth
 * pair in it. Results are cross-checked with iproute2's own view ({@code ip -n NS ...}). Nothing here touches
 * the host's interfaces.
 */
class RtNetlinkNamespaceTest {

    private static final String VETH_A = "lvsdnl0";
    private static final String VETH_B = "lvsdnl1";

    private static NetworkNamespace ns;
    private static NetlinkSocket route;
    private static Links links;
    private static Addresses addresses;
    private static int vethA;

    @BeforeAll
    static void setUp() throws Exception {
        KernelRequirements.requireRootAndNetns();
        ns = NetworkNamespace.createUnique("lvsd-rt");
        ns.ip("link", "add", VETH_A, "type", "veth", "peer", "name", VETH_B);
        route = ns.call(() -> NetlinkSocket.open(Netlink.NETLINK_ROUTE));
        links = new Links(route);
        addresses = new Addresses(route);
        vethA = links.get(VETH_A).index();
    }

    @AfterAll
    static void tearDown() {
        if (route != null) {
            route.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void aSocketOpenedInAFreshNamespaceSeesOnlyLoopback() throws Exception {
        try (NetworkNamespace fresh = NetworkNamespace.createUnique("lvsd-fresh")) {
            List<Link> seen = fresh.call(() -> {
                try (NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE)) {
                    return new Links(s).list();
                }
            });
            assertEquals(List.of("lo"), seen.stream().map(Link::name).collect(Collectors.toList()));
            assertTrue(seen.get(0).isLoopback());
            assertEquals(1, seen.get(0).index());
            // libc in the namespace thread sees the same
            assertEquals(1, (int) fresh.call(() -> LibC.ifNameToIndex("lo")));
            ErrnoException e = assertThrows(ErrnoException.class, () -> fresh.call(() -> LibC.ifNameToIndex(VETH_A)));
            assertEquals("ENODEV", e.errnoName());
        }
        // while our namespace's socket, used from this (host-namespace) thread, still sees its veth pair
        assertTrue(links.find(VETH_A).isPresent());
    }

    @Test
    void linkLookupAgreesWithIp() {
        Link a = links.get(VETH_A);
        String ipShow = ns.ip("-o", "link", "show", "dev", VETH_A);
        assertTrue(ipShow.startsWith(a.index() + ": " + VETH_A + "@"), ipShow);
        assertTrue(ipShow.contains("link/ether " + a.macAddress()), ipShow);
        assertEquals(6, a.hardwareAddress().length);
        assertEquals(1500, a.mtu());
        assertEquals(a, links.get(a.index()));
        List<String> names = links.list().stream().map(Link::name).sorted().collect(Collectors.toList());
        assertEquals(List.of("lo", VETH_A, VETH_B), names);
    }

    @Test
    void missingLinkIsEnodev() {
        NetlinkException e = assertThrows(NetlinkException.class, () -> links.get("lvsdmissing"));
        assertEquals(Errno.ENODEV, e.errno());
        assertTrue(links.find("lvsdmissing").isEmpty());
    }

    @Test
    void bringLinksUpAndDown() {
        int lo = links.get("lo").index();
        links.setUp(lo, true);
        assertTrue(links.get(lo).isUp());
        assertTrue(ns.ip("-o", "link", "show", "dev", "lo").contains(",UP,"));

        links.setUp(links.get(VETH_B).index(), true);
        links.setUp(vethA, true);
        Link up = links.get(VETH_A);
        assertTrue(up.isUp());
        links.setUp(vethA, false);
        Link down = links.get(VETH_A);
        assertFalse(down.isUp());
        assertEquals(OperState.DOWN, down.operState());
        assertFalse(ns.ip("-o", "link", "show", "dev", VETH_A).contains(",UP"));
    }

    @Test
    void addListAndDeleteIpv4AndIpv6Addresses() throws Exception {
        InetAddress v4 = InetAddress.getByName("10.77.0.1");
        InetAddress v6 = InetAddress.getByName("2001:db8:77::1");
        addresses.add(vethA, v4, 24);
        addresses.add(vethA, v6, 64, true);
        try {
            String shown = ns.ip("addr", "show", "dev", VETH_A);
            assertTrue(shown.contains("inet 10.77.0.1/24"), shown);
            assertTrue(shown.contains("inet6 2001:db8:77::1/64"), shown);
            assertTrue(shown.contains("nodad"), shown);

            List<IfAddress> mine = addresses.list(vethA);
            IfAddress got4 = mine.stream().filter(a -> a.address().equals(v4)).findFirst().orElseThrow();
            IfAddress got6 = mine.stream().filter(a -> a.address().equals(v6)).findFirst().orElseThrow();
            assertEquals(24, got4.prefixLength());
            assertEquals(VETH_A, got4.label());
            assertEquals(64, got6.prefixLength());
            assertTrue((got6.flags() & RtNetlink.IFA_F_NODAD) != 0, "NODAD flag reported back");
            assertTrue(got6.isIpv6());

            NetlinkException dup = assertThrows(NetlinkException.class, () -> addresses.add(vethA, v4, 24));
            assertEquals(Errno.EEXIST, dup.errno());
        } finally {
            addresses.delete(vethA, v4, 24);
            addresses.delete(vethA, v6, 64);
        }
        String after = ns.ip("addr", "show", "dev", VETH_A);
        assertFalse(after.contains("10.77.0.1"), after);
        assertFalse(after.contains("2001:db8:77::1"), after);
        NetlinkException gone = assertThrows(NetlinkException.class, () -> addresses.delete(vethA, v4, 24));
        assertEquals(Errno.EADDRNOTAVAIL, gone.errno());
    }

    @Test
    void idempotentAddAndDelete() throws Exception {
        InetAddress vip = InetAddress.getByName("2001:db8:77::99");
        assertTrue(addresses.addIfAbsent(vethA, vip, 128, true));
        assertFalse(addresses.addIfAbsent(vethA, vip, 128, true));
        assertTrue(ns.ip("addr", "show", "dev", VETH_A).contains("inet6 2001:db8:77::99/128"));
        assertTrue(addresses.deleteIfPresent(vethA, vip, 128));
        assertFalse(addresses.deleteIfPresent(vethA, vip, 128));
        assertFalse(ns.ip("addr", "show", "dev", VETH_A).contains("2001:db8:77::99"));
    }

    @Test
    void addressOnMissingIfindexIsEnodevWithReadableMessage() throws Exception {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> addresses.add(9999, InetAddress.getByName("10.77.1.1"), 32));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals("ENODEV", e.errnoName());
        assertTrue(e.getMessage().startsWith("RTM_NEWADDR 10.77.1.1/32 on #9999: ENODEV (No such device)"),
                e.getMessage());
        System.out.println("kernel said: " + e.getMessage());
    }

    @Test
    void extendedAckMessageComesFromTheKernel() {
        // MTU below the device minimum: the kernel explains in NLMSGERR_ATTR_MSG and points at IFLA_MTU.
        MessageBuilder req = Links.ifinfo(RtNetlink.RTM_NEWLINK, 0, vethA, 0, 0).u32(RtNetlink.IFLA_MTU, 10);
        NetlinkException e = assertThrows(NetlinkException.class, () -> route.execute("RTM_NEWLINK mtu", req));
        assertEquals(Errno.EINVAL, e.errno());
        assertNotNull(e.extAckMessage(), "NETLINK_EXT_ACK is enabled");
        assertTrue(e.extAckMessage().contains("mtu"), e.extAckMessage());
        System.out.println("kernel said: " + e.getMessage());
    }

    @Test
    void batchSendsManyRequestsAndReportsEachResult() throws Exception {
        List<MessageBuilder> adds = new ArrayList<>();
        List<InetAddress> wanted = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            InetAddress a = InetAddress.getByName("10.78." + (i / 200) + "." + (i % 200 + 1));
            wanted.add(a);
            adds.add(Addresses.addRequest(vethA, a, 32, 0));
        }
        adds.add(150, Addresses.addRequest(9999, InetAddress.getByName("10.79.0.1"), 32, 0)); // bad one
        NetlinkSocket.Stats before = route.stats();
        List<BatchResult> results = route.batch(adds, 64);
        NetlinkSocket.Stats after = route.stats();
        try {
            assertEquals(1001, results.size());
            assertEquals(16, after.sendCalls() - before.sendCalls(), "1001 requests, 64 per sendto");
            assertEquals(1001, after.messagesSent() - before.messagesSent());
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i, results.get(i).index());
                assertEquals(i != 150, results.get(i).ok(), "request " + i);
            }
            assertEquals(Errno.ENODEV, results.get(150).status().errno());

            // a multi-part dump: 1000 addresses (~80 bytes each) cannot fit one datagram of at most 32 KiB
            NetlinkSocket.Stats beforeDump = route.stats();
            List<IfAddress> listed = addresses.list(vethA);
            assertTrue(route.stats().receiveCalls() - beforeDump.receiveCalls() > 2, "dump came in parts");
            for (InetAddress a : wanted) {
                assertTrue(listed.stream().anyMatch(x -> x.address().equals(a)), a + " listed");
            }
            long byIp = ns.ip("-o", "-4", "addr", "show", "dev", VETH_A).lines().count();
            assertEquals(1000, byIp);

            // a reader whose buffer cannot hold one dump datagram: EMSGSIZE; the socket drains the abandoned
            // dump (else the kernel answers the next dump with EBUSY) and the grown buffer copes next time
            try (NetlinkSocket tiny = ns.openNetlink(Netlink.NETLINK_ROUTE, 512)) {
                Addresses small = new Addresses(tiny);
                NetlinkException trunc = assertThrows(NetlinkException.class, small::list);
                assertEquals(Errno.EMSGSIZE, trunc.errno());
                assertTrue(trunc.getMessage().contains("truncated"), trunc.getMessage());
                assertEquals(listed.size(), small.list().size());
            }
        } finally {
            List<MessageBuilder> dels = new ArrayList<>();
            for (InetAddress a : wanted) {
                dels.add(Addresses.deleteRequest(vethA, a, 32));
            }
            List<BatchResult> deleted = route.batch(dels);
            assertTrue(deleted.stream().allMatch(BatchResult::ok));
        }
        assertEquals("", ns.ip("-o", "-4", "addr", "show", "dev", VETH_A));
    }

    @Test
    void kernelFlagsADumpThatRacesWithAChangeAsInterrupted() throws Exception {
        // Raw conversation: start an address dump, read one part, change the table, read the rest. The kernel
        // marks the later parts NLM_F_DUMP_INTR, which is what NetlinkSocket.dump() retries on.
        List<MessageBuilder> adds = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            adds.add(Addresses.addRequest(vethA, InetAddress.getByAddress(new byte[] {10, 80, 0, (byte) i}), 32, 0));
        }
        assertTrue(route.batch(adds).stream().allMatch(BatchResult::ok));
        InetAddress racer = InetAddress.getByName("10.80.1.1");
        try {
            boolean sawIntr = ns.call(() -> {
                int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
                try {
                    ByteBuffer req = ByteBuffer.allocateDirect(64);
                    req.put(Addresses.dumpRequest(RtNetlink.AF_INET).addFlags(Netlink.NLM_F_DUMP).seq(1).build())
                            .flip();
                    ByteBuffer kernel = ByteBuffer.allocateDirect(12)
                            .order(ByteOrder.nativeOrder()).putShort(0, (short) LibC.AF_NETLINK);
                    LibC.sendto(fd, req, 0, kernel);
                    ByteBuffer buf = ByteBuffer.allocateDirect(4096);
                    ByteBuffer from = ByteBuffer.allocateDirect(12);
                    boolean intr = false;
                    boolean done = false;
                    for (int part = 0; !done; part++) {
                        long n = LibC.recvfrom(fd, buf.clear(), 0, from.clear());
                        if (part == 0) {
                            addresses.add(vethA, racer, 32);
                        }
                        for (NlMsg m : NlMsg.parseAll(buf.limit((int) n))) {
                            intr |= m.hasFlag(Netlink.NLM_F_DUMP_INTR);
                            done |= m.type() == Netlink.NLMSG_DONE;
                        }
                    }
                    return intr;
                } finally {
                    LibC.close(fd);
                }
            });
            assertTrue(sawIntr, "a part after the change carries NLM_F_DUMP_INTR");
        } finally {
            addresses.deleteIfPresent(vethA, racer, 32);
            List<MessageBuilder> dels = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                dels.add(Addresses.deleteRequest(vethA, InetAddress.getByAddress(new byte[] {10, 80, 0, (byte) i}), 32));
            }
            route.batch(dels);
        }
    }

    @Test
    void oneRequestIsOneWrite() throws Exception {
        NetlinkSocket.Stats before = route.stats();
        InetAddress vip = InetAddress.getByName("10.77.2.1");
        addresses.add(vethA, vip, 32);
        addresses.delete(vethA, vip, 32);
        NetlinkSocket.Stats after = route.stats();
        assertEquals(2, after.sendCalls() - before.sendCalls());
        assertEquals(2, after.receiveCalls() - before.receiveCalls(), "one ACK datagram each");
    }

    @Test
    void linkMonitorSeesChangesInItsNamespace() throws Exception {
        try (LinkMonitor monitor = ns.call(LinkMonitor::open)) {
            ns.ip("link", "set", VETH_B, "mtu", "1400");
            boolean seen = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!seen && System.nanoTime() < deadline) {
                for (LinkEvent ev : monitor.poll(Duration.ofMillis(500))) {
                    seen |= ev.link().name().equals(VETH_B) && ev.link().mtu() == 1400 && !ev.removed();
                }
            }
            assertTrue(seen, "RTM_NEWLINK for " + VETH_B + " with mtu 1400");
        }
    }

    @Test
    void socketOptionsAreApplied() {
        assertTrue(route.kernelReceiveBufferBytes() >= NetlinkSocket.SOCKET_BUFFER_BYTES,
                "receive buffer " + route.kernelReceiveBufferBytes());
        assertTrue(route.portId() != 0);
    }
}
