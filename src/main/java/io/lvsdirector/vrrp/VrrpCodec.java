package io.lvsdirector.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte layout of VRRP advertisements (the IP payload; the IP header belongs to the socket layer).
 *
 * <pre>
 * v2: |ver=2|type| VRID | priority | count | auth type | adver int (s) | checksum | addrs | auth data (8) |
 * v3: |ver=3|type| VRID | priority | count | rsvd(4) max adver int (12, cs)  | checksum | addrs |
 * </pre>
 */
public final class VrrpCodec {

    static final int HEADER_LENGTH = 8;
    private static final int CHECKSUM_OFFSET = 6;

    private VrrpCodec() {
    }

    /** Encodes with the default checksum mode. */
    public static byte[] encode(VrrpPacket p, Endpoints endpoints) {
        return encode(p, endpoints, ChecksumMode.DEFAULT);
    }

    /** Encodes and fills in the checksum; {@code endpoints} decide the family and the pseudo-header. */
    public static byte[] encode(VrrpPacket p, Endpoints endpoints, ChecksumMode mode) {
        int alen = endpoints.addressLength();
        if (p.version() == 2 && !endpoints.ipv4()) {
            throw new IllegalArgumentException("VRRPv2 is IPv4 only");
        }
        int length = HEADER_LENGTH + p.addresses().size() * alen + (p.version() == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
        byte[] b = new byte[length];
        b[0] = (byte) (p.version() << 4 | VrrpPacket.TYPE_ADVERTISEMENT);
        b[1] = (byte) p.vrid();
        b[2] = (byte) p.priority();
        b[3] = (byte) p.addresses().size();
        if (p.version() == 2) {
            b[4] = (byte) p.authType();
            b[5] = (byte) (p.advertIntervalCs() / 100);
        } else {
            b[4] = (byte) (p.advertIntervalCs() >>> 8 & 0x0f); // high 4 bits reserved, sent as zero
            b[5] = (byte) p.advertIntervalCs();
        }
        int pos = HEADER_LENGTH;
        for (InetAddress a : p.addresses()) {
            byte[] raw = a.getAddress();
            if (raw.length != alen) {
                throw new IllegalArgumentException("address " + a + " is not of the endpoints' family");
            }
            System.arraycopy(raw, 0, b, pos, alen);
            pos += alen;
        }
        if (p.version() == 2) {
            System.arraycopy(p.authData(), 0, b, pos, VrrpPacket.AUTH_DATA_LENGTH);
        }
        int sum = checksum(b, 0, length, p.version(), endpoints, mode);
        b[CHECKSUM_OFFSET] = (byte) (sum >>> 8);
        b[CHECKSUM_OFFSET + 1] = (byte) sum;
        return b;
    }

    public static DecodeResult decode(byte[] data, Endpoints endpoints, ChecksumMode mode) {
        return decode(data, 0, data.length, endpoints, mode);
    }

    /**
     * Decodes and checks what the packet alone can tell: length, version, type, checksum, interval.
     * Instance-specific checks (TTL, VRID, authentication, ...) are {@link AdvertValidator}'s.
     */
    public static DecodeResult decode(byte[] data, int offset, int length, Endpoints endpoints, ChecksumMode mode) {
        if (data == null || offset < 0 || length < 0 || offset + length > data.length || offset + length < 0) {
            return DecodeResult.drop(DropReason.BAD_LENGTH, "buffer bounds");
        }
        if (length < HEADER_LENGTH) {
            return DecodeResult.drop(DropReason.BAD_LENGTH, "shorter than the VRRP header: " + length);
        }
        int version = (data[offset] & 0xff) >>> 4;
        int type = data[offset] & 0x0f;
        if (version != 2 && version != 3) {
            return DecodeResult.drop(DropReason.BAD_VERSION, "version " + version);
        }
        if (version == 2 && !endpoints.ipv4()) {
            return DecodeResult.drop(DropReason.BAD_VERSION, "VRRPv2 over IPv6");
        }
        if (type != VrrpPacket.TYPE_ADVERTISEMENT) {
            return DecodeResult.drop(DropReason.BAD_TYPE, "type " + type);
        }
        int count = data[offset + 3] & 0xff;
        int alen = endpoints.addressLength();
        int expected = HEADER_LENGTH + count * alen + (version == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0);
        if (length != expected) {
            return DecodeResult.drop(DropReason.BAD_LENGTH,
                    "length " + length + " but " + count + " addresses need " + expected);
        }
        if (checksum(data, offset, length, version, endpoints, mode) != 0) {
            return DecodeResult.drop(DropReason.BAD_CHECKSUM, "checksum does not verify (" + mode + ")");
        }
        int intervalCs = version == 2
                ? (data[offset + 5] & 0xff) * 100
                : ((data[offset + 4] & 0x0f) << 8) | (data[offset + 5] & 0xff);
        if (intervalCs == 0) {
            return DecodeResult.drop(DropReason.BAD_INTERVAL, "advertisement interval 0");
        }
        List<InetAddress> addresses = new ArrayList<>(count);
        int pos = offset + HEADER_LENGTH;
        for (int i = 0; i < count; i++, pos += alen) {
            addresses.add(address(data, pos, alen));
        }
        byte[] auth = null;
        int authType = 0;
        if (version == 2) {
            authType = data[offset + 4] & 0xff;
            auth = new byte[VrrpPacket.AUTH_DATA_LENGTH];
            System.arraycopy(data, pos, auth, 0, auth.length);
        }
        int vrid = data[offset + 1] & 0xff;
        int priority = data[offset + 2] & 0xff;
        return new DecodeResult.Decoded(new VrrpPacket(version, vrid, priority, intervalCs, authType, auth, addresses));
    }

    /**
     * One's complement checksum of the message, with a pseudo-header for v3 over IPv6 always and for
     * v3 over IPv4 in {@link ChecksumMode#PSEUDO_HEADER}. Over a message holding a correct checksum it is 0.
     */
    static int checksum(byte[] msg, int offset, int length, int version, Endpoints endpoints, ChecksumMode mode) {
        long sum = 0;
        if (version == 3 && (!endpoints.ipv4() || mode == ChecksumMode.PSEUDO_HEADER)) {
            byte[] pseudo = Checksums.pseudoHeader(endpoints.source(), endpoints.destination(), length);
            sum = Checksums.accumulate(sum, pseudo, 0, pseudo.length);
        }
        return Checksums.finish(Checksums.accumulate(sum, msg, offset, length));
    }

    private static InetAddress address(byte[] data, int pos, int alen) {
        byte[] raw = new byte[alen];
        System.arraycopy(data, pos, raw, 0, alen);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
