package io.lvsdirector.ipvs;

import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.Protocol;
import java.net.InetAddress;
import java.util.Comparator;

/**
 * How the kernel identifies a virtual service: (family, protocol, address, port) or (family, fwmark).
 * For a firewall-mark service protocol and address are null and port is 0.
 */
public record ServiceKey(AddressFamily family, Protocol protocol, InetAddress address, int port, long fwmark)
        implements Comparable<ServiceKey> {

    private static final Comparator<ServiceKey> ORDER = Comparator
            .comparing(ServiceKey::family)
            .thenComparingLong(ServiceKey::fwmark)
            .thenComparing(ServiceKey::protocol, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(k -> k.address == null ? "" : k.address.getHostAddress())
            .thenComparingInt(ServiceKey::port);

    public static ServiceKey of(Protocol protocol, InetAddress address, int port) {
        return new ServiceKey(Addresses.family(address), protocol, address, port, 0);
    }

    public static ServiceKey fwmark(AddressFamily family, long fwmark) {
        return new ServiceKey(family, null, null, 0, fwmark);
    }

    public boolean isFwmark() {
        return fwmark != 0;
    }

    @Override
    public int compareTo(ServiceKey o) {
        return ORDER.compare(this, o);
    }

    /** ipvsadm's notation: {@code TCP 192.0.2.1:80}, {@code TCP [2001:db8::1]:80}, {@code FWM 10 IPv6}. */
    @Override
    public String toString() {
        if (isFwmark()) {
            return "FWM " + fwmark + (family == AddressFamily.INET6 ? " IPv6" : "");
        }
        return protocol + " " + Addresses.withPort(address, port);
    }
}
