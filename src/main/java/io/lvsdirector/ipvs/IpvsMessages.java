package io.lvsdirector.ipvs;

import static io.lvsdirector.ipvs.IpvsGenl.*;

import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.Protocol;
import io.lvsdirector.netlink.MessageBuilder;
import io.lvsdirector.netlink.Netlink;
import io.lvsdirector.netlink.NlAttr;
import io.lvsdirector.netlink.NlAttrs;
import io.lvsdirector.netlink.NlMsg;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes IPVS requests and decodes the kernel's replies. Attribute order, widths and nesting flags
 * follow what ipvsadm (libipvs) sends, so our requests compare byte for byte with captured ones
 * (src/test/resources/ipvs-golden).
 */
public final class IpvsMessages {

    /** Top-level nests carry NLA_F_NESTED, as libnl sets it. */
    private static final int SERVICE = CMD_ATTR_SERVICE | Netlink.NLA_F_NESTED;
    private static final int DEST = CMD_ATTR_DEST | Netlink.NLA_F_NESTED;
    private static final int DAEMON = CMD_ATTR_DAEMON | Netlink.NLA_F_NESTED;

    private final int familyId;
    private final int version;

    public IpvsMessages(int familyId, int version) {
        this.familyId = familyId;
        this.version = version;
    }

    // ---------------------------------------------------------------- requests

    public MessageBuilder forOp(IpvsOp op) {
        if (op instanceof IpvsOp.AddService a) {
            return service(CMD_NEW_SERVICE, a.spec());
        } else if (op instanceof IpvsOp.EditService e) {
            return service(CMD_SET_SERVICE, e.spec());
        } else if (op instanceof IpvsOp.DeleteService d) {
            return msg(CMD_DEL_SERVICE).nested(SERVICE, b -> serviceReference(b, d.service()));
        } else if (op instanceof IpvsOp.AddDestination a) {
            return destination(CMD_NEW_DEST, a.service(), a.spec());
        } else if (op instanceof IpvsOp.EditDestination e) {
            return destination(CMD_SET_DEST, e.service(), e.spec());
        } else if (op instanceof IpvsOp.DeleteDestination d) {
            return msg(CMD_DEL_DEST)
                    .nested(SERVICE, b -> serviceReference(b, d.service()))
                    .nested(DEST, b -> destinationKey(b, d.destination()));
        }
        throw new IllegalArgumentException("unknown op " + op);
    }

    public MessageBuilder dumpServices() {
        return msg(CMD_GET_SERVICE);
    }

    public MessageBuilder dumpDestinations(ServiceKey service) {
        return msg(CMD_GET_DEST).nested(SERVICE, b -> serviceKey(b, service));
    }

    public MessageBuilder getInfo() {
        return msg(CMD_GET_INFO);
    }

    public MessageBuilder getConfig() {
        return msg(CMD_GET_CONFIG);
    }

    /** Sets the connection timeouts; 0 leaves a value unchanged (as in the kernel). */
    public MessageBuilder setTimeouts(IpvsTimeouts t) {
        return msg(CMD_SET_CONFIG)
                .u32(CMD_ATTR_TIMEOUT_TCP, t.tcpSeconds())
                .u32(CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFinSeconds())
                .u32(CMD_ATTR_TIMEOUT_UDP, t.udpSeconds());
    }

    public MessageBuilder startDaemon(SyncDaemon d) {
        return msg(CMD_NEW_DAEMON).nested(DAEMON, b -> b
                .u32(DAEMON_ATTR_STATE, d.role() == SyncDaemon.Role.MASTER ? STATE_MASTER : STATE_BACKUP)
                .string(DAEMON_ATTR_MCAST_IFN, d.interfaceName())
                .u32(DAEMON_ATTR_SYNC_ID, d.syncId()));
    }

    /** The kernel needs only the state; the empty interface and id are there because ipvsadm sends them. */
    public MessageBuilder stopDaemon(SyncDaemon.Role role) {
        return msg(CMD_DEL_DAEMON).nested(DAEMON, b -> b
                .u32(DAEMON_ATTR_STATE, role == SyncDaemon.Role.MASTER ? STATE_MASTER : STATE_BACKUP)
                .string(DAEMON_ATTR_MCAST_IFN, "")
                .u32(DAEMON_ATTR_SYNC_ID, 0));
    }

    public MessageBuilder dumpDaemons() {
        return msg(CMD_GET_DAEMON);
    }

    public MessageBuilder flush() {
        return msg(CMD_FLUSH);
    }

    /** Zeroes the counters of one service, or of everything when {@code service} is null. */
    public MessageBuilder zero(ServiceKey service) {
        MessageBuilder b = msg(CMD_ZERO);
        return service == null ? b : b.nested(SERVICE, n -> serviceReference(n, service));
    }

    private MessageBuilder msg(int cmd) {
        return MessageBuilder.genl(familyId, 0, cmd, version);
    }

    private MessageBuilder service(int cmd, KernelService s) {
        return msg(cmd).nested(SERVICE, b -> {
            serviceKey(b, s.key());
            b.string(SVC_ATTR_SCHED_NAME, s.scheduler());
            if (s.persistenceEngine() != null && !s.persistenceEngine().isEmpty()) {
                b.string(SVC_ATTR_PE_NAME, s.persistenceEngine());
            }
            // struct ip_vs_flags { flags; mask }: the mask says which flags to set or clear.
            b.binary(SVC_ATTR_FLAGS, le32pair(s.flags(), 0xFFFFFFFF));
            b.u32(SVC_ATTR_TIMEOUT, s.timeoutSeconds());
            b.u32(SVC_ATTR_NETMASK, netmaskValue(s));
        });
    }

    /**
     * The kernel reads the netmask attribute as raw bytes: an IPv4 mask in network order, an IPv6
     * prefix length as a host-order number.
     */
    private static int netmaskValue(KernelService s) {
        return s.key().family() == AddressFamily.INET6 ? s.netmask() : Integer.reverseBytes(s.netmask());
    }

    /**
     * A service named by key inside a destination or delete request. The kernel reads only the key;
     * the empty scheduler, flags, timeout and netmask mirror what ipvsadm sends.
     */
    private static void serviceReference(MessageBuilder b, ServiceKey k) {
        serviceKey(b, k);
        b.string(SVC_ATTR_SCHED_NAME, "");
        b.binary(SVC_ATTR_FLAGS, le32pair(0, 0xFFFFFFFF));
        b.u32(SVC_ATTR_TIMEOUT, 0);
        b.u32(SVC_ATTR_NETMASK, k.family() == AddressFamily.INET6 ? IpvsConstants.DEFAULT_PREFIX_V6
                : IpvsConstants.DEFAULT_NETMASK_V4);
    }

    private static void serviceKey(MessageBuilder b, ServiceKey k) {
        b.u16(SVC_ATTR_AF, af(k.family()));
        if (k.isFwmark()) {
            b.u32(SVC_ATTR_FWMARK, (int) k.fwmark());
        } else {
            b.u16(SVC_ATTR_PROTOCOL, protocol(k.protocol()));
            b.address16(SVC_ATTR_ADDR, k.address());
            b.u16Be(SVC_ATTR_PORT, k.port());
        }
    }

    private MessageBuilder destination(int cmd, ServiceKey svc, KernelDestination d) {
        return msg(cmd)
                .nested(SERVICE, b -> serviceReference(b, svc))
                .nested(DEST, b -> {
                    b.u16(DEST_ATTR_ADDR_FAMILY, af(Addresses.family(d.key().address())));
                    b.address16(DEST_ATTR_ADDR, d.key().address());
                    b.u16Be(DEST_ATTR_PORT, d.key().port());
                    b.u32(DEST_ATTR_FWD_METHOD, d.forwarding());
                    b.u32(DEST_ATTR_WEIGHT, d.weight());
                    b.u8(DEST_ATTR_TUN_TYPE, d.tunnelType());
                    b.u16Be(DEST_ATTR_TUN_PORT, d.tunnelPort());
                    b.u16(DEST_ATTR_TUN_FLAGS, d.tunnelFlags());
                    b.u32(DEST_ATTR_U_THRESH, (int) d.upperThreshold());
                    b.u32(DEST_ATTR_L_THRESH, (int) d.lowerThreshold());
                });
    }

    private static void destinationKey(MessageBuilder b, DestinationKey d) {
        b.u16(DEST_ATTR_ADDR_FAMILY, af(Addresses.family(d.address())));
        b.address16(DEST_ATTR_ADDR, d.address());
        b.u16Be(DEST_ATTR_PORT, d.port());
    }

    // ---------------------------------------------------------------- replies

    public static KernelService parseService(NlMsg m) {
        NlAttrs a = m.genlAttrs().require(CMD_ATTR_SERVICE).nested();
        return service(a);
    }

    public static IpvsStats parseServiceStats(NlMsg m) {
        NlAttrs a = m.genlAttrs().require(CMD_ATTR_SERVICE).nested();
        return stats(a, SVC_ATTR_STATS64, SVC_ATTR_STATS);
    }

    private static KernelService service(NlAttrs a) {
        AddressFamily family = family(a.require(SVC_ATTR_AF).u16());
        ServiceKey key;
        if (a.has(SVC_ATTR_FWMARK) && a.get(SVC_ATTR_FWMARK).u32() != 0) {
            key = ServiceKey.fwmark(family, a.get(SVC_ATTR_FWMARK).u32() & 0xFFFFFFFFL);
        } else {
            InetAddress addr = a.require(SVC_ATTR_ADDR).inetAddress(family == AddressFamily.INET6 ? 16 : 4);
            key = new ServiceKey(family, protocol(a.require(SVC_ATTR_PROTOCOL).u16()), addr,
                    a.require(SVC_ATTR_PORT).u16Be(), 0);
        }
        int flags = java.nio.ByteBuffer.wrap(a.require(SVC_ATTR_FLAGS).bytes())
                .order(java.nio.ByteOrder.nativeOrder()).getInt();
        int rawMask = a.require(SVC_ATTR_NETMASK).u32();
        int netmask = family == AddressFamily.INET6 ? rawMask : Integer.reverseBytes(rawMask);
        String pe = a.find(SVC_ATTR_PE_NAME).map(NlAttr::string).orElse(null);
        return new KernelService(key, a.require(SVC_ATTR_SCHED_NAME).string(), flags,
                a.require(SVC_ATTR_TIMEOUT).u32(), netmask, pe);
    }

    public static IpvsDump.DestinationView parseDestination(NlMsg m, ServiceKey service) {
        NlAttrs a = m.genlAttrs().require(CMD_ATTR_DEST).nested();
        AddressFamily family = a.find(DEST_ATTR_ADDR_FAMILY).map(x -> family(x.u16())).orElse(service.family());
        InetAddress addr = a.require(DEST_ATTR_ADDR).inetAddress(family == AddressFamily.INET6 ? 16 : 4);
        KernelDestination d = new KernelDestination(new DestinationKey(addr, a.require(DEST_ATTR_PORT).u16Be()),
                a.require(DEST_ATTR_FWD_METHOD).u32() & IpvsConstants.CONN_F_FWD_MASK,
                a.require(DEST_ATTR_WEIGHT).u32(),
                a.require(DEST_ATTR_U_THRESH).u32() & 0xFFFFFFFFL,
                a.require(DEST_ATTR_L_THRESH).u32() & 0xFFFFFFFFL,
                a.find(DEST_ATTR_TUN_TYPE).map(NlAttr::u8).orElse(0),
                a.find(DEST_ATTR_TUN_PORT).map(NlAttr::u16Be).orElse(0),
                a.find(DEST_ATTR_TUN_FLAGS).map(NlAttr::u16).orElse(0));
        return new IpvsDump.DestinationView(d,
                unsigned(a, DEST_ATTR_ACTIVE_CONNS), unsigned(a, DEST_ATTR_INACT_CONNS),
                unsigned(a, DEST_ATTR_PERSIST_CONNS), stats(a, DEST_ATTR_STATS64, DEST_ATTR_STATS));
    }

    public static IpvsInfo parseInfo(NlMsg m) {
        NlAttrs a = m.genlAttrs();
        int v = a.require(INFO_ATTR_VERSION).u32();
        return new IpvsInfo((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff, a.require(INFO_ATTR_CONN_TAB_SIZE).u32());
    }

    public static IpvsTimeouts parseTimeouts(NlMsg m) {
        NlAttrs a = m.genlAttrs();
        return new IpvsTimeouts(a.require(CMD_ATTR_TIMEOUT_TCP).u32(), a.require(CMD_ATTR_TIMEOUT_TCP_FIN).u32(),
                a.require(CMD_ATTR_TIMEOUT_UDP).u32());
    }

    public static List<SyncDaemon> parseDaemons(List<NlMsg> replies) {
        List<SyncDaemon> out = new ArrayList<>();
        for (NlMsg m : replies) {
            NlAttrs d = m.genlAttrs().require(CMD_ATTR_DAEMON).nested();
            SyncDaemon.Role role = d.require(DAEMON_ATTR_STATE).u32() == STATE_MASTER
                    ? SyncDaemon.Role.MASTER : SyncDaemon.Role.BACKUP;
            out.add(new SyncDaemon(role, d.require(DAEMON_ATTR_MCAST_IFN).string(), d.require(DAEMON_ATTR_SYNC_ID).u32()));
        }
        return out;
    }

    /** Prefers the 64-bit counters (kernel 4.0+); falls back to the 32-bit ones. */
    private static IpvsStats stats(NlAttrs parent, int stats64, int stats32) {
        boolean wide = parent.has(stats64);
        if (!wide && !parent.has(stats32)) {
            return IpvsStats.ZERO;
        }
        NlAttrs s = parent.get(wide ? stats64 : stats32).nested();
        long[] v = new long[11];
        for (int t = STATS_ATTR_CONNS; t <= STATS_ATTR_OUTBPS; t++) {
            NlAttr x = s.find(t).orElse(null);
            if (x != null) {
                v[t] = x.length() == 8 ? x.u64() : x.u32() & 0xFFFFFFFFL;
            }
        }
        return new IpvsStats(v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }

    private static long unsigned(NlAttrs a, int type) {
        return a.find(type).map(x -> x.u32() & 0xFFFFFFFFL).orElse(0L);
    }

    private static byte[] le32pair(int a, int b) {
        return java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder()).putInt(a).putInt(b).array();
    }

    static int af(AddressFamily f) {
        return f == AddressFamily.INET6 ? AF_INET6 : AF_INET;
    }

    static AddressFamily family(int af) {
        return switch (af) {
            case AF_INET -> AddressFamily.INET;
            case AF_INET6 -> AddressFamily.INET6;
            default -> throw new IllegalArgumentException("unknown address family " + af);
        };
    }

    static int protocol(Protocol p) {
        return switch (p) {
            case TCP -> IPPROTO_TCP;
            case UDP -> IPPROTO_UDP;
            case SCTP -> IPPROTO_SCTP;
        };
    }

    static Protocol protocol(int p) {
        return switch (p) {
            case IPPROTO_TCP -> Protocol.TCP;
            case IPPROTO_UDP -> Protocol.UDP;
            case IPPROTO_SCTP -> Protocol.SCTP;
            default -> throw new IllegalArgumentException("unknown IP protocol " + p);
        };
    }

    /** Used by the kernel client to name requests in errors. */
    static String describe(MessageBuilder b) {
        return "IPVS request type " + b.type() + " flags 0x" + Integer.toHexString(b.flags() & ~Netlink.NLM_F_REQUEST);
    }
}
