package io.lvsdirector.ipvs;

import java.net.InetAddress;
import java.util.Comparator;

/** How the kernel identifies a destination within a service: address and port. */
public record DestinationKey(InetAddress address, int port) implements Comparable<DestinationKey> {

    private static final Comparator<DestinationKey> ORDER = Comparator
            .comparing((DestinationKey k) -> k.address.getAddress().length)
            .thenComparing(k -> k.address.getAddress(), java.util.Arrays::compareUnsigned)
            .thenComparingInt(DestinationKey::port);

    @Override
    public int compareTo(DestinationKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return Addresses.withPort(address, port);
    }
}
