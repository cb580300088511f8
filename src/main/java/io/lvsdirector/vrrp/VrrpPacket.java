package io.lvsdirector.vrrp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A VRRP advertisement, version 2 (RFC 3768) or 3 (RFC 9568). The interval is kept in centiseconds
 * for both versions so the state machine needs one unit; a v2 packet carries whole seconds, so its
 * interval is always a multiple of 100. {@code authType}/{@code authData} exist only in v2.
 */
public record VrrpPacket(int version, int vrid, int priority, int advertIntervalCs, int authType,
        byte[] authData, List<InetAddress> addresses) {

    public static final int TYPE_ADVERTISEMENT = 1;
    public static final int AUTH_DATA_LENGTH = 8;
    public static final int AUTH_NONE = 0;
    public static final int AUTH_SIMPLE_TEXT = 1;

    public VrrpPacket {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("version must be 2 or 3: " + version);
        }
        checkRange("vrid", vrid, 0, 255);
        checkRange("priority", priority, 0, 255);
        addresses = List.copyOf(addresses);
        checkRange("address count", addresses.size(), 0, 255);
        if (version == 2) {
            if (advertIntervalCs % 100 != 0) {
                throw new IllegalArgumentException("v2 interval must be whole seconds: " + advertIntervalCs + " cs");
            }
            checkRange("v2 interval (s)", advertIntervalCs / 100, 0, 255);
            checkRange("auth type", authType, 0, 255);
            authData = authData == null ? new byte[AUTH_DATA_LENGTH] : authData.clone();
            if (authData.length != AUTH_DATA_LENGTH) {
                throw new IllegalArgumentException("v2 authentication data is 8 bytes");
            }
            for (InetAddress a : addresses) {
                if (!(a instanceof Inet4Address)) {
                    throw new IllegalArgumentException("VRRPv2 carries IPv4 addresses only: " + a);
                }
            }
        } else {
            checkRange("v3 max advert interval (cs)", advertIntervalCs, 0, 0x0fff);
            if (authType != 0 || (authData != null && authData.length != 0)) {
                throw new IllegalArgumentException("VRRPv3 has no authentication");
            }
            authData = new byte[0];
            if (!addresses.isEmpty()) {
                Class<?> family = addresses.get(0).getClass();
                for (InetAddress a : addresses) {
                    if (a.getClass() != family) {
                        throw new IllegalArgumentException("addresses of one advertisement share a family");
                    }
                }
            }
        }
    }

    /** A v2 advertisement; {@code authData} may be null for "no authentication". */
    public static VrrpPacket v2(int vrid, int priority, int advertIntervalSeconds, int authType, byte[] authData,
            List<InetAddress> addresses) {
        return new VrrpPacket(2, vrid, priority, advertIntervalSeconds * 100, authType, authData, addresses);
    }

    /** A v3 advertisement. */
    public static VrrpPacket v3(int vrid, int priority, int maxAdvertIntervalCs, List<InetAddress> addresses) {
        return new VrrpPacket(3, vrid, priority, maxAdvertIntervalCs, 0, null, addresses);
    }

    /** The same advertisement with another priority (priority 0 on shutdown). */
    public VrrpPacket withPriority(int newPriority) {
        return new VrrpPacket(version, vrid, newPriority, advertIntervalCs, authType, authData, addresses);
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpPacket p && version == p.version && vrid == p.vrid && priority == p.priority
                && advertIntervalCs == p.advertIntervalCs && authType == p.authType
                && Arrays.equals(authData, p.authData) && addresses.equals(p.addresses);
    }

    @Override
    public int hashCode() {
        return ((version * 31 + vrid) * 31 + priority) * 31 + addresses.hashCode();
    }

    @Override
    public String toString() {
        return "VrrpPacket[v" + version + " vrid=" + vrid + " prio=" + priority + " int=" + advertIntervalCs
                + "cs auth=" + authType + (authData.length > 0 ? ":" + HexFormat.of().formatHex(authData) : "")
                + " addrs=" + addresses + "]";
    }

    private static void checkRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + value);
        }
    }
}
