package io.lvsdirector.vrrp;

import io.lvsdirector.netlink.Addresses;
import io.lvsdirector.netlink.IfAddress;
import io.lvsdirector.netlink.Link;
import io.lvsdirector.netlink.Links;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Optional;

/**
 * The host facts an instance needs about its interface, read through rtnetlink: index, and the primary
 * address that is our advert source and tie-breaker (IPv4: the first primary address that is no VIP; IPv6:
 * the link-local address, as RFC 9568 §5.1.2.1 requires).
 */
public record ResolvedInterface(String name, int index, InetAddress primary) {

    private static final int IFA_F_SECONDARY = 0x01;
    private static final int IFA_F_TENTATIVE = 0x40;

    /** Thrown when the interface or a usable primary address is missing; the message is the FAULT reason. */
    public static final class Unavailable extends Exception {
        public Unavailable(String message) {
            super(message);
        }
    }

    public static ResolvedInterface resolve(Links links, Addresses addresses, String name, boolean ipv6,
            Collection<InetAddress> vips) throws Unavailable {
        Optional<Link> link = links.find(name);
        if (link.isEmpty()) {
            throw new Unavailable("interface " + name + " does not exist");
        }
        int index = link.get().index();
        for (IfAddress a : addresses.list(index)) {
            if (a.isIpv6() != ipv6 || vips.contains(a.address())) {
                continue;
            }
            if (ipv6 ? a.address().isLinkLocalAddress() && (a.flags() & IFA_F_TENTATIVE) == 0
                    : (a.flags() & IFA_F_SECONDARY) == 0) {
                return new ResolvedInterface(name, index, stripScope(a.address()));
            }
        }
        throw new Unavailable("interface " + name + " has no " + (ipv6 ? "usable IPv6 link-local" : "IPv4")
                + " address to send from");
    }

    /** Equality and the advert source must not depend on a scope id the kernel may or may not attach. */
    private static InetAddress stripScope(InetAddress a) {
        if (a instanceof Inet6Address) {
            try {
                return InetAddress.getByAddress(a.getAddress());
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return a;
    }
}
