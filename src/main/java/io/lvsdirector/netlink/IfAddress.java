package io.lvsdirector.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * An interface address as RTM_NEWADDR describes it.
 *
 * @param address IFA_LOCAL when present (the interface's own address), else IFA_ADDRESS
 * @param flags   IFA_FLAGS when present (32 bits), else ifa_flags (IFA_F_NODAD, IFA_F_PERMANENT...)
 * @param label   IFA_LABEL (IPv4 only), or empty
 */
public record IfAddress(int index, InetAddress address, int prefixLength, int flags, int scope, String label) {

    public boolean isIpv6() {
        return address instanceof Inet6Address;
    }

    /** "10.1.2.3/24". */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
