package io.lvsdirector.ipvs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lvsdirector.kernel.IpvsGoldenVectors;
import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.Protocol;
import io.lvsdirector.netlink.MessageBuilder;
import io.lvsdirector.netlink.Netlink;
import io.lvsdirector.netlink.NlMsg;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Our IPVS requests against the bytes ipvsadm sends for the same command, and our parsing of the
 * kernel's captured replies (src/test/resources/ipvs-golden, captured in the kernel VM). Only the
 * sequence number, port id and dynamic family id are masked.
 */
class IpvsMessagesGoldenTest {

    private static final int FAMILY_ID = 0x20;
    private final IpvsMessages messages = new IpvsMessages(FAMILY_ID, 1);

    private static final InetAddress VIP4 = ip("192.0.2.1");
    private static final InetAddress VIP6 = ip("2001:db8::1");
    private static final ServiceKey TCP80 = ServiceKey.of(Protocol.TCP, VIP4, 80);
    private static final ServiceKey UDP6 = ServiceKey.of(Protocol.UDP, VIP6, 53);
    private static final ServiceKey FWM42 = ServiceKey.fwmark(AddressFamily.INET, 42);
    private static final ServiceKey FWM43V6 = ServiceKey.fwmark(AddressFamily.INET6, 43);

    static InetAddress ip(String s) {
        return Addresses.literal(s);
    }

    static byte[] golden(String name) {
        return IpvsGoldenVectors.message(name);
    }

    /** The captured request, normalized (seq, port id, family id). */
    static String request(String name) {
        return HexFormat.of().formatHex(IpvsGoldenVectors.normalized(name));
    }

    static String ours(MessageBuilder b) {
        return HexFormat.of().formatHex(IpvsGoldenVectors.normalize(b.addFlags(Netlink.NLM_F_ACK).build()));
    }

    static KernelDestination dest(String addr, int port, int fwd, int weight, long u, long l, int tunType, int tunPort) {
        return new KernelDestination(new DestinationKey(ip(addr), port), fwd, weight, u, l, tunType, tunPort, 0);
    }

    @Test
    void servicesMatchIpvsadmByteForByte() {
        assertEquals(request("add-service-tcp4-wrr-persistent"), ours(messages.forOp(new IpvsOp.AddService(
                new KernelService(TCP80, "wrr", IpvsConstants.SVC_F_PERSISTENT, 300, 0xFFFFFF00, null), "web"))));
        assertEquals(request("add-service-udp6-rr"), ours(messages.forOp(new IpvsOp.AddService(
                new KernelService(UDP6, "rr", 0, 0, 128, null), "dns"))));
        assertEquals(request("add-service-fwmark-wlc"), ours(messages.forOp(new IpvsOp.AddService(
                new KernelService(FWM42, "wlc", 0, 0, 0xFFFFFFFF, null), "mark"))));
        assertEquals(request("add-service-fwmark6-sh-flags"), ours(messages.forOp(new IpvsOp.AddService(
                new KernelService(FWM43V6, "sh", IpvsConstants.SVC_F_SCHED1 | IpvsConstants.SVC_F_SCHED2, 0, 128, null),
                "mark6"))));
        assertEquals(request("edit-service-scheduler"), ours(messages.forOp(new IpvsOp.EditService(
                new KernelService(TCP80, "rr", IpvsConstants.SVC_F_PERSISTENT, 600, 0xFFFFFFFF, null), "web"))));
        assertEquals(request("delete-service-udp6"), ours(messages.forOp(new IpvsOp.DeleteService(UDP6, null))));
        assertEquals(request("delete-service-fwmark"), ours(messages.forOp(new IpvsOp.DeleteService(FWM42, null))));
    }

    @Test
    void destinationsMatchIpvsadmByteForByte() {
        assertEquals(request("add-dest-nat-thresholds"), ours(messages.forOp(new IpvsOp.AddDestination(TCP80,
                dest("198.51.100.10", 8080, IpvsConstants.CONN_F_MASQ, 5, 100, 10, 0, 0), "a"))));
        assertEquals(request("add-dest-dr"), ours(messages.forOp(new IpvsOp.AddDestination(TCP80,
                dest("198.51.100.11", 80, IpvsConstants.CONN_F_DROUTE, 1, 0, 0, 0, 0), "b"))));
        assertEquals(request("add-dest-tun-ipip"), ours(messages.forOp(new IpvsOp.AddDestination(TCP80,
                dest("198.51.100.12", 80, IpvsConstants.CONN_F_TUNNEL, 3, 0, 0, IpvsConstants.TUNNEL_TYPE_IPIP, 0), "c"))));
        assertEquals(request("add-dest-tun-gue"), ours(messages.forOp(new IpvsOp.AddDestination(TCP80,
                dest("198.51.100.13", 80, IpvsConstants.CONN_F_TUNNEL, 2, 0, 0, IpvsConstants.TUNNEL_TYPE_GUE, 6080), "d"))));
        assertEquals(request("add-dest-udp6-nat"), ours(messages.forOp(new IpvsOp.AddDestination(UDP6,
                dest("2001:db8::10", 53, IpvsConstants.CONN_F_MASQ, 2, 0, 0, 0, 0), "e"))));
        assertEquals(request("add-dest-fwmark-dr"), ours(messages.forOp(new IpvsOp.AddDestination(FWM42,
                dest("198.51.100.20", 0, IpvsConstants.CONN_F_DROUTE, 4, 0, 0, 0, 0), "f"))));
        assertEquals(request("edit-dest-weight"), ours(messages.forOp(new IpvsOp.EditDestination(TCP80,
                dest("198.51.100.11", 80, IpvsConstants.CONN_F_DROUTE, 7, 0, 0, 0, 0), "b"))));
    }

    /**
     * ipvsadm fills a delete's destination with its own defaults (forwarding, weight 1...), which the
     * kernel ignores; ours names the destination only. Same service part, same key attributes.
     */
    @Test
    void destinationDeleteCarriesIpvsadmsServiceAndKey() {
        byte[] golden = golden("delete-dest");
        byte[] mine = messages.forOp(new IpvsOp.DeleteDestination(TCP80,
                new DestinationKey(ip("198.51.100.12"), 80), null)).build();
        int serviceNestEnd = 20 + (golden[20] & 0xff | (golden[21] & 0xff) << 8);
        assertArrayEquals(java.util.Arrays.copyOfRange(golden, 16, serviceNestEnd),
                java.util.Arrays.copyOfRange(mine, 16, serviceNestEnd), "genl header and service nest");
        // Our destination nest: family, address, port: the first three attributes of ipvsadm's, verbatim.
        int destAttrs = serviceNestEnd + 4;
        int keyLength = 8 + 20 + 8;
        assertArrayEquals(java.util.Arrays.copyOfRange(golden, destAttrs, destAttrs + keyLength),
                java.util.Arrays.copyOfRange(mine, destAttrs, destAttrs + keyLength));
        assertEquals(destAttrs + keyLength, mine.length);
    }

    @Test
    void otherCommandsMatchIpvsadmByteForByte() {
        assertEquals(request("flush"), ours(messages.flush()));
        assertEquals(request("zero-all"), ours(messages.zero(null)));
        assertEquals(request("zero-service"), ours(messages.zero(TCP80)));
        assertEquals(request("set-timeouts"), ours(messages.setTimeouts(new IpvsTimeouts(3600, 60, 120))));
        assertEquals(request("get-timeouts"), ours(messages.getConfig()));
        assertEquals(request("get-info"), ours(messages.getInfo()));
        assertEquals(request("start-daemon-master"),
                ours(messages.startDaemon(new SyncDaemon(SyncDaemon.Role.MASTER, "sync0", 7))));
        assertEquals(request("start-daemon-backup"),
                ours(messages.startDaemon(new SyncDaemon(SyncDaemon.Role.BACKUP, "sync0", 7))));
        assertEquals(request("stop-daemon-master"), ours(messages.stopDaemon(SyncDaemon.Role.MASTER)));
        assertEquals(request("stop-daemon-backup"), ours(messages.stopDaemon(SyncDaemon.Role.BACKUP)));
        // Dumps: the socket adds NLM_F_DUMP; ipvsadm asks for an ACK as well.
        assertEquals(request("list-services-and-dests-1"),
                ours(messages.dumpServices().addFlags(Netlink.NLM_F_DUMP)));
        assertEquals(request("list-services-and-dests-2"),
                ours(messages.dumpDestinations(TCP80).addFlags(Netlink.NLM_F_DUMP)));
    }

    static NlMsg reply(String name) {
        return NlMsg.parseAll(ByteBuffer.wrap(golden(name)).order(ByteOrder.nativeOrder())).get(0);
    }

    @Test
    void parsesTheKernelsServiceAndDestinationDumps() {
        List<KernelService> services = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            services.add(IpvsMessages.parseService(reply("list-services-and-dests.reply-" + i)));
        }
        Set<String> got = services.stream().map(s -> s.key() + " " + s.scheduler() + " flags=" + s.flags() + " timeout="
                + s.timeoutSeconds() + " mask=" + Integer.toHexString(s.netmask())).collect(Collectors.toSet());
        assertEquals(Set.of(
                "TCP 192.0.2.1:80 rr flags=3 timeout=600 mask=ffffffff",
                "UDP [2001:db8:0:0:0:0:0:1]:53 rr flags=2 timeout=0 mask=80",
                "FWM 42 wlc flags=2 timeout=0 mask=ffffffff",
                "FWM 43 IPv6 sh flags=26 timeout=0 mask=80"), got);

        List<KernelDestination> tcp = new ArrayList<>();
        for (int i = 5; i <= 8; i++) {
            tcp.add(IpvsMessages.parseDestination(reply("list-services-and-dests.reply-" + i), TCP80).destination());
        }
        assertEquals(Set.of(
                dest("198.51.100.10", 8080, IpvsConstants.CONN_F_MASQ, 5, 100, 10, 0, 0),
                dest("198.51.100.11", 80, IpvsConstants.CONN_F_DROUTE, 7, 0, 0, 0, 0),
                dest("198.51.100.12", 80, IpvsConstants.CONN_F_TUNNEL, 3, 0, 0, IpvsConstants.TUNNEL_TYPE_IPIP, 0),
                dest("198.51.100.13", 80, IpvsConstants.CONN_F_TUNNEL, 2, 0, 0, IpvsConstants.TUNNEL_TYPE_GUE, 6080)),
                Set.copyOf(tcp));
        IpvsDump.DestinationView v6 = IpvsMessages.parseDestination(reply("list-services-and-dests.reply-9"), UDP6);
        assertEquals(dest("2001:db8::10", 53, IpvsConstants.CONN_F_MASQ, 2, 0, 0, 0, 0), v6.destination());
        assertEquals(0, v6.stats().connections());
    }

    @Test
    void parsesInfoTimeoutsAndDaemons() {
        IpvsInfo info = IpvsMessages.parseInfo(reply("get-info.reply"));
        assertEquals("1.2.1", info.version());
        assertEquals(4096, info.connectionTableSize());
        assertEquals(new IpvsTimeouts(900, 120, 300), IpvsMessages.parseTimeouts(reply("get-timeouts.reply")));
        assertEquals(Set.of(new SyncDaemon(SyncDaemon.Role.MASTER, "sync0", 7),
                new SyncDaemon(SyncDaemon.Role.BACKUP, "sync0", 7)),
                Set.copyOf(IpvsMessages.parseDaemons(List.of(reply("get-daemons.reply-1"), reply("get-daemons.reply-2")))));
    }
}
