package io.lvsdirector.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Link lookups and up/down over a NETLINK_ROUTE socket (the socket's namespace decides which links). */
public final class Links {

    private final NetlinkSocket route;

    public Links(NetlinkSocket route) {
        if (route.protocol() != Netlink.NETLINK_ROUTE) {
            throw new IllegalArgumentException("Links needs a NETLINK_ROUTE socket");
        }
        this.route = route;
    }

    /** The link with this name; NetlinkException ENODEV when there is none. */
    public Link get(String name) {
        return single("RTM_GETLINK " + name, getByNameRequest(name));
    }

    /** The link with this index; NetlinkException ENODEV when there is none. */
    public Link get(int index) {
        return single("RTM_GETLINK #" + index, getByIndexRequest(index));
    }

    public Optional<Link> find(String name) {
        try {
            return Optional.of(get(name));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** All links (RTM_GETLINK dump). */
    public List<Link> list() {
        List<Link> out = new ArrayList<>();
        for (NlMsg m : route.dump("RTM_GETLINK dump", ifinfo(RtNetlink.RTM_GETLINK, 0, 0, 0, 0)
                .u32(RtNetlink.IFLA_EXT_MASK, RtNetlink.RTEXT_FILTER_SKIP_STATS))) {
            if (m.type() == RtNetlink.RTM_NEWLINK) {
                out.add(parse(m));
            }
        }
        return out;
    }

    /** Sets the link administratively up or down (ip link set ... up/down). */
    public void setUp(int index, boolean up) {
        route.execute("RTM_NEWLINK #" + index + (up ? " up" : " down"), setUpRequest(index, up));
    }

    private Link single(String op, MessageBuilder req) {
        for (NlMsg m : route.request(op, req)) {
            if (m.type() == RtNetlink.RTM_NEWLINK) {
                return parse(m);
            }
        }
        throw new NetlinkException(op + ": no RTM_NEWLINK in the reply", Errno.EPROTO);
    }

    // ---------------------------------------------------------------- codec

    static MessageBuilder ifinfo(int type, int flags, int index, int ifFlags, int ifChange) {
        return MessageBuilder.request(type, flags)
                .rawU8(RtNetlink.AF_UNSPEC).rawU8(0).rawU16(0) // family, pad, ARPHRD type
                .rawU32(index).rawU32(ifFlags).rawU32(ifChange);
    }

    public static MessageBuilder getByNameRequest(String name) {
        return ifinfo(RtNetlink.RTM_GETLINK, 0, 0, 0, 0)
                .u32(RtNetlink.IFLA_EXT_MASK, RtNetlink.RTEXT_FILTER_SKIP_STATS)
                .string(RtNetlink.IFLA_IFNAME, name);
    }

    public static MessageBuilder getByIndexRequest(int index) {
        return ifinfo(RtNetlink.RTM_GETLINK, 0, index, 0, 0)
                .u32(RtNetlink.IFLA_EXT_MASK, RtNetlink.RTEXT_FILTER_SKIP_STATS);
    }

    /** ifi_change = IFF_UP so that only that flag is touched. */
    public static MessageBuilder setUpRequest(int index, boolean up) {
        return ifinfo(RtNetlink.RTM_NEWLINK, 0, index, up ? RtNetlink.IFF_UP : 0, RtNetlink.IFF_UP);
    }

    /** Decodes RTM_NEWLINK / RTM_DELLINK. */
    public static Link parse(NlMsg m) {
        ByteBuffer p = m.payload();
        int index = p.getInt(4);
        int flags = p.getInt(8);
        NlAttrs a = m.attrs(RtNetlink.IFINFOMSG_LEN);
        NlAttr name = a.get(RtNetlink.IFLA_IFNAME);
        NlAttr mtu = a.get(RtNetlink.IFLA_MTU);
        NlAttr oper = a.get(RtNetlink.IFLA_OPERSTATE);
        NlAttr mac = a.get(RtNetlink.IFLA_ADDRESS);
        return new Link(index, name == null ? "" : name.string(), flags, mtu == null ? 0 : mtu.u32(),
                oper == null ? OperState.UNKNOWN : OperState.of(oper.u8()),
                mac == null ? "" : Link.formatMac(mac.bytes()));
    }
}
