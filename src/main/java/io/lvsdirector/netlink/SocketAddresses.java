package io.lvsdirector.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** struct sockaddr_in / sockaddr_in6 / sockaddr_ll in direct buffers, as the socket calls want them. */
final class SocketAddresses {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_PACKET = 17;
    static final int SOCKADDR_IN_LEN = 16;
    static final int SOCKADDR_IN6_LEN = 28;
    static final int SOCKADDR_LL_LEN = 20;

    private SocketAddresses() {
    }

    /** sockaddr_in (port 0) or sockaddr_in6 (port 0, scope id for link-scoped addresses). */
    static ByteBuffer inet(InetAddress address, int scopeIndex) {
        int scopeId = 0;
        if (address instanceof Inet6Address a6
                && (a6.isLinkLocalAddress() || a6.isMCLinkLocal() || a6.isMulticastAddress())) {
            scopeId = scopeIndex;
        }
        ByteBuffer b = ByteBuffer.allocateDirect(address instanceof Inet4Address ? SOCKADDR_IN_LEN : SOCKADDR_IN6_LEN)
                .order(ByteOrder.nativeOrder());
        write(address, 0, scopeId, b);
        return b;
    }

    /**
     * Writes sockaddr_in or sockaddr_in6 for {@code address}:{@code port} into {@code into} (direct, native
     * order, 28 bytes or more) and sets its position and limit around it. An IPv6 address keeps its scope id.
     */
    static void inet(InetAddress address, int port, ByteBuffer into) {
        write(address, port, address instanceof Inet6Address a6 ? a6.getScopeId() : 0, into);
    }

    private static void write(InetAddress address, int port, int scopeId, ByteBuffer into) {
        boolean v6 = address instanceof Inet6Address;
        int length = v6 ? SOCKADDR_IN6_LEN : SOCKADDR_IN_LEN;
        into.clear();
        for (int i = 0; i < length; i++) {
            into.put(i, (byte) 0);
        }
        into.putShort(0, (short) (v6 ? AF_INET6 : AF_INET));
        into.put(2, (byte) (port >>> 8)); // sin_port / sin6_port are in network order
        into.put(3, (byte) port);
        if (v6) {
            into.put(8, address.getAddress());
            into.putInt(24, scopeId);
        } else {
            into.put(4, address.getAddress());
        }
        into.limit(length);
    }

    /** sockaddr_ll for sending on {@code ifindex} to {@code mac} with the given EtherType. */
    static ByteBuffer link(int ifindex, int etherType, byte[] mac) {
        ByteBuffer b = ByteBuffer.allocateDirect(SOCKADDR_LL_LEN).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) AF_PACKET);
        b.put(2, (byte) (etherType >>> 8)); // sll_protocol is in network order
        b.put(3, (byte) etherType);
        b.putInt(4, ifindex);
        b.put(11, (byte) mac.length);
        b.put(12, mac);
        return b;
    }

    /** The address in a sockaddr_in / sockaddr_in6 filled in by the kernel. */
    static InetAddress parse(ByteBuffer b) {
        int family = b.order(ByteOrder.nativeOrder()).getShort(0) & 0xffff;
        byte[] raw = new byte[family == AF_INET6 ? 16 : 4];
        b.get(family == AF_INET6 ? 8 : 4, raw);
        return address(raw);
    }

    static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + raw.length + " bytes", e);
        }
    }
}
