package io.lvsdirector.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address literal. Parsing is purely syntactic: unlike
 * {@code InetAddress.getByName} it never resolves a host name, so validating user input cannot
 * trigger DNS lookups. IPv4 is dotted-quad without leading zeros (which some tools read as octal);
 * IPv6 is RFC 4291 text form, with "::" and an optional trailing dotted quad, without zone id.
 */
public final class IpAddress {

    private final AddressFamily family;
    private final byte[] bytes;

    private IpAddress(AddressFamily family, byte[] bytes) {
        this.family = family;
        this.bytes = bytes;
    }

    /** The address, or empty if {@code text} is not an address literal. */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return Optional.empty();
        }
        byte[] b = text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text);
        if (b == null) {
            return Optional.empty();
        }
        return Optional.of(new IpAddress(b.length == 4 ? AddressFamily.INET : AddressFamily.INET6, b));
    }

    public AddressFamily family() {
        return family;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** The most bits a prefix of this family can have: 32 or 128. */
    public int maxPrefixLength() {
        return bytes.length * 8;
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            Integer v = decimalOctet(parts[i]);
            if (v == null) {
                return null;
            }
            out[i] = (byte) (int) v;
        }
        return out;
    }

    private static Integer decimalOctet(String p) {
        if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v <= 255 ? v : null;
    }

    private static byte[] parseV6(String s) {
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null; // "::" may appear once
        }
        String head = gap >= 0 ? s.substring(0, gap) : s;
        String tail = gap >= 0 ? s.substring(gap + 2) : "";
        byte[] headBytes = groups(head, gap < 0);
        byte[] tailBytes = gap >= 0 ? groups(tail, true) : new byte[0];
        if (headBytes == null || tailBytes == null) {
            return null;
        }
        int used = headBytes.length + tailBytes.length;
        if (gap < 0 ? used != 16 : used > 14) {
            return null; // "::" stands for at least one zero group
        }
        byte[] out = new byte[16];
        System.arraycopy(headBytes, 0, out, 0, headBytes.length);
        System.arraycopy(tailBytes, 0, out, 16 - tailBytes.length, tailBytes.length);
        return out;
    }

    /** Colon-separated hex groups; the last may be a dotted quad if {@code mayEndWithV4}. */
    private static byte[] groups(String s, boolean mayEndWithV4) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] parts = s.split(":", -1);
        byte[] out = new byte[parts.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && mayEndWithV4 && p.indexOf('.') >= 0) {
                byte[] v4 = parseV4(p);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, n, 4);
                n += 4;
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v;
            try {
                v = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                return null;
            }
            if (p.charAt(0) == '+' || p.charAt(0) == '-') {
                return null;
            }
            out[n++] = (byte) (v >> 8);
            out[n++] = (byte) v;
        }
        return n > 16 ? null : Arrays.copyOf(out, n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Dotted quad, or IPv6 groups in lower-case hex without zero compression. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (bytes.length == 4) {
            for (int i = 0; i < 4; i++) {
                sb.append(i == 0 ? "" : ".").append(bytes[i] & 0xff);
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                sb.append(i == 0 ? "" : ":").append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
