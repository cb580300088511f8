package io.lvsdirector.vrrp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Source and destination IP of an advertisement. The codec needs them for the pseudo-header and to
 * know the address family (the VRRP header itself does not say).
 */
public record Endpoints(InetAddress source, InetAddress destination) {

    public static final InetAddress MULTICAST_V4 = literal(new byte[] {(byte) 224, 0, 0, 18});
    public static final InetAddress MULTICAST_V6 =
            literal(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x12});

    public Endpoints {
        if (source == null || destination == null || source.getClass() != destination.getClass()) {
            throw new IllegalArgumentException("source and destination must be addresses of one family");
        }
    }

    /** To the VRRP multicast group of the source's family (224.0.0.18 or ff02::12). */
    public static Endpoints multicast(InetAddress source) {
        return new Endpoints(source, source instanceof Inet4Address ? MULTICAST_V4 : MULTICAST_V6);
    }

    public boolean ipv4() {
        return source instanceof Inet4Address;
    }

    /** Bytes per advertised address in this family. */
    int addressLength() {
        return ipv4() ? 4 : 16;
    }

    private static InetAddress literal(byte[] b) {
        try {
            return InetAddress.getByAddress(b); // no lookup: the bytes are the address
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
