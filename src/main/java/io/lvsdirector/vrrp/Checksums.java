package io.lvsdirector.vrrp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** The Internet checksum (RFC 1071) and the IP pseudo-headers VRRP may prepend to it. */
public final class Checksums {

    /** IP protocol / IPv6 next header number of VRRP. */
    public static final int IPPROTO_VRRP = 112;

    private Checksums() {
    }

    /** Adds big-endian 16-bit words to a running sum; an odd last byte is padded with zero. */
    public static long accumulate(long sum, byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < end) {
            sum += (data[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Folds the carries back in and complements: the value to put in a checksum field. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The plain Internet checksum of a byte range. Over data holding a correct checksum it is 0. */
    public static int internet(byte[] data, int offset, int length) {
        return finish(accumulate(0, data, offset, length));
    }

    /** IPv4 pseudo-header: source, destination, zero, protocol, 16-bit upper-layer length. */
    public static byte[] ipv4PseudoHeader(Inet4Address source, Inet4Address destination, int upperLength) {
        byte[] h = new byte[12];
        System.arraycopy(source.getAddress(), 0, h, 0, 4);
        System.arraycopy(destination.getAddress(), 0, h, 4, 4);
        h[9] = (byte) IPPROTO_VRRP;
        h[10] = (byte) (upperLength >>> 8);
        h[11] = (byte) upperLength;
        return h;
    }

    /** IPv6 pseudo-header (RFC 8200 §8.1): source, destination, 32-bit length, 3 zero bytes, next header. */
    public static byte[] ipv6PseudoHeader(Inet6Address source, Inet6Address destination, int upperLength) {
        byte[] h = new byte[40];
        System.arraycopy(source.getAddress(), 0, h, 0, 16);
        System.arraycopy(destination.getAddress(), 0, h, 16, 16);
        h[32] = (byte) (upperLength >>> 24);
        h[33] = (byte) (upperLength >>> 16);
        h[34] = (byte) (upperLength >>> 8);
        h[35] = (byte) upperLength;
        h[39] = (byte) IPPROTO_VRRP;
        return h;
    }

    /** The pseudo-header for the given endpoints' family. */
    public static byte[] pseudoHeader(InetAddress source, InetAddress destination, int upperLength) {
        if (source instanceof Inet4Address s4 && destination instanceof Inet4Address d4) {
            return ipv4PseudoHeader(s4, d4, upperLength);
        }
        if (source instanceof Inet6Address s6 && destination instanceof Inet6Address d6) {
            return ipv6PseudoHeader(s6, d6, upperLength);
        }
        throw new IllegalArgumentException("source and destination must be of the same family");
    }
}
