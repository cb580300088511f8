package io.lvsdirector.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One parsed attribute: its type (without the NESTED / NET_BYTEORDER bits) and a read-only view of its payload.
 * Host-order getters for ordinary attributes, {@code *Be} getters for the ones the kernel keeps in network order
 * (IPVS ports, for example).
 */
public final class NlAttr {

    private final int rawType;
    private final ByteBuffer value;

    NlAttr(int rawType, ByteBuffer value) {
        this.rawType = rawType;
        this.value = value.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** Type with the flag bits masked off. */
    public int type() {
        return rawType & Netlink.NLA_TYPE_MASK;
    }

    public boolean isNestedFlagSet() {
        return (rawType & Netlink.NLA_F_NESTED) != 0;
    }

    public int length() {
        return value.remaining();
    }

    /** A fresh read-only view of the payload (position 0, native order). */
    public ByteBuffer buffer() {
        return value.duplicate().order(ByteOrder.nativeOrder());
    }

    public byte[] bytes() {
        byte[] b = new byte[value.remaining()];
        value.duplicate().get(b);
        return b;
    }

    public int u8() {
        need(1);
        return value.get(0) & 0xff;
    }

    public int u16() {
        need(2);
        return value.getShort(0) & 0xffff;
    }

    public int u16Be() {
        need(2);
        return value.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(0) & 0xffff;
    }

    /** u32 as a Java int (use {@link Integer#toUnsignedLong} for values above 2^31). */
    public int u32() {
        need(4);
        return value.getInt(0);
    }

    public int u32Be() {
        need(4);
        return value.duplicate().order(ByteOrder.BIG_ENDIAN).getInt(0);
    }

    public long u64() {
        need(8);
        return value.getLong(0);
    }

    /** NUL-terminated (or unterminated) string. */
    public String string() {
        byte[] b = bytes();
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** A 4- or 16-byte address in network order. */
    public InetAddress inetAddress() {
        int len = value.remaining();
        if (len != 4 && len != 16) {
            throw new IllegalStateException("attribute " + type() + " has " + len + " bytes, not an IP address");
        }
        try {
            return InetAddress.getByAddress(bytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Address of the given family width from a fixed-size (e.g. 16-byte union nf_inet_addr) field. */
    public InetAddress inetAddress(int addressLength) {
        need(addressLength);
        byte[] b = new byte[addressLength];
        value.duplicate().get(b);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses the payload as a sequence of attributes. */
    public NlAttrs nested() {
        return NlAttrs.parse(buffer());
    }

    private void need(int n) {
        if (value.remaining() < n) {
            throw new IllegalStateException("attribute " + type() + " has " + value.remaining()
                    + " bytes, need " + n);
        }
    }

    @Override
    public String toString() {
        return "NlAttr{type=" + type() + (isNestedFlagSet() ? ",nested" : "") + ",len=" + length() + "}";
    }
}
