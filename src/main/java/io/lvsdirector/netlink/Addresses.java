package io.lvsdirector.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Interface addresses (ip addr add/del/show) over a NETLINK_ROUTE socket, IPv4 and IPv6. */
public final class Addresses {

    private final NetlinkSocket route;

    public Addresses(NetlinkSocket route) {
        if (route.protocol() != Netlink.NETLINK_ROUTE) {
            throw new IllegalArgumentException("Addresses needs a NETLINK_ROUTE socket");
        }
        this.route = route;
    }

    /**
     * Adds an address (fails with EEXIST when present). For IPv6 VIPs pass {@code noDad}: without it the address
     * stays "tentative" for a second or so and cannot be used as a source meanwhile.
     */
    public void add(int index, InetAddress address, int prefixLength, boolean noDad) {
        route.execute("RTM_NEWADDR " + address.getHostAddress() + "/" + prefixLength + " on #" + index,
                addRequest(index, address, prefixLength, noDad ? RtNetlink.IFA_F_NODAD : 0));
    }

    public void add(int index, InetAddress address, int prefixLength) {
        add(index, address, prefixLength, false);
    }

    /** Deletes an address; EADDRNOTAVAIL when it is not there. */
    public void delete(int index, InetAddress address, int prefixLength) {
        route.execute("RTM_DELADDR " + address.getHostAddress() + "/" + prefixLength + " on #" + index,
                deleteRequest(index, address, prefixLength));
    }

    /** Adds the address unless it is already there; returns true when it was added (idempotent VIP set-up). */
    public boolean addIfAbsent(int index, InetAddress address, int prefixLength, boolean noDad) {
        try {
            add(index, address, prefixLength, noDad);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EEXIST) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes the address if present; returns true when it was there. */
    public boolean deleteIfPresent(int index, InetAddress address, int prefixLength) {
        try {
            delete(index, address, prefixLength);
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EADDRNOTAVAIL) {
                return false;
            }
            throw e;
        }
    }

    /** Every address of every link in the socket's namespace. */
    public List<IfAddress> list() {
        List<IfAddress> out = new ArrayList<>();
        for (NlMsg m : route.dump("RTM_GETADDR dump", dumpRequest(RtNetlink.AF_UNSPEC))) {
            if (m.type() == RtNetlink.RTM_NEWADDR) {
                out.add(parse(m));
            }
        }
        return out;
    }

    /** The addresses of one link. */
    public List<IfAddress> list(int index) {
        List<IfAddress> out = new ArrayList<>();
        for (IfAddress a : list()) {
            if (a.index() == index) {
                out.add(a);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- codec

    private static MessageBuilder ifaddr(int type, int flags, int family, int prefixLength, int ifaFlags,
            int index) {
        return MessageBuilder.request(type, flags)
                .rawU8(family).rawU8(prefixLength).rawU8(ifaFlags & 0xff).rawU8(RtNetlink.RT_SCOPE_UNIVERSE)
                .rawU32(index);
    }

    private static int family(InetAddress a) {
        return a instanceof Inet6Address ? RtNetlink.AF_INET6 : RtNetlink.AF_INET;
    }

    private static void checkPrefix(InetAddress a, int prefixLength) {
        int max = a.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0.." + max);
        }
    }

    /**
     * RTM_NEWADDR with NLM_F_CREATE|NLM_F_EXCL, IFA_LOCAL and IFA_ADDRESS both set to the address, exactly as
     * `ip addr add` sends it. Flags above 8 bits go into IFA_FLAGS.
     */
    public static MessageBuilder addRequest(int index, InetAddress address, int prefixLength, int ifaFlags) {
        checkPrefix(address, prefixLength);
        MessageBuilder b = ifaddr(RtNetlink.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL,
                family(address), prefixLength, ifaFlags, index)
                .address(RtNetlink.IFA_LOCAL, address)
                .address(RtNetlink.IFA_ADDRESS, address);
        if ((ifaFlags & ~0xff) != 0) {
            b.u32(RtNetlink.IFA_FLAGS, ifaFlags);
        }
        return b;
    }

    public static MessageBuilder deleteRequest(int index, InetAddress address, int prefixLength) {
        checkPrefix(address, prefixLength);
        return ifaddr(RtNetlink.RTM_DELADDR, 0, family(address), prefixLength, 0, index)
                .address(RtNetlink.IFA_LOCAL, address)
                .address(RtNetlink.IFA_ADDRESS, address);
    }

    public static MessageBuilder dumpRequest(int family) {
        return ifaddr(RtNetlink.RTM_GETADDR, 0, family, 0, 0, 0);
    }

    /** Decodes RTM_NEWADDR / RTM_DELADDR. */
    public static IfAddress parse(NlMsg m) {
        ByteBuffer p = m.payload();
        int prefix = p.get(1) & 0xff;
        int flags = p.get(2) & 0xff;
        int scope = p.get(3) & 0xff;
        int index = p.getInt(4);
        NlAttrs a = m.attrs(RtNetlink.IFADDRMSG_LEN);
        NlAttr local = a.get(RtNetlink.IFA_LOCAL);
        NlAttr addr = local != null ? local : a.require(RtNetlink.IFA_ADDRESS);
        NlAttr fl = a.get(RtNetlink.IFA_FLAGS);
        NlAttr label = a.get(RtNetlink.IFA_LABEL);
        return new IfAddress(index, addr.inetAddress(), prefix, fl != null ? fl.u32() : flags, scope,
                label == null ? "" : label.string());
    }
}
