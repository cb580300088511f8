package io.lvsdirector.vrrp;

import java.net.Inet6Address;
import java.net.InetAddress;

/** A VIP as configured on the host: the address, its prefix length and the interface that carries it. */
public record VipBinding(InetAddress address, int prefixLength, String interfaceName) {

    public boolean ipv6() {
        return address instanceof Inet6Address;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + interfaceName;
    }
}
