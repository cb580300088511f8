package io.lvsdirector.netlink;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A raw IPv4 or IPv6 socket for one IP protocol (VRRP is 112, ICMPv6 58) in the namespace of the opening
 * thread. The kernel builds the IP header; the caller supplies the payload. Received IPv4 datagrams carry their
 * header (raw IPv4 sockets always get it), which gives source, destination and TTL; for IPv6 the hop limit and
 * destination come as control messages ({@link #receiveHopLimitAndDestination()}).
 *
 * <p>A raw socket bound to a local address only receives datagrams addressed to it, so a receiver of multicast
 * must stay unbound and a sender that wants a fixed source address is a second socket.
 */
public final class RawSocket implements AutoCloseable {

    public static final int IPPROTO_VRRP = 112;
    public static final int IPPROTO_ICMPV6 = 58;

    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SO_BINDTODEVICE = 25;
    private static final int IPPROTO_IP = 0;
    private static final int IP_TTL = 2;
    private static final int IP_MULTICAST_IF = 32;
    private static final int IP_MULTICAST_TTL = 33;
    private static final int IP_MULTICAST_LOOP = 34;
    private static final int IP_ADD_MEMBERSHIP = 35;
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_UNICAST_HOPS = 16;
    private static final int IPV6_MULTICAST_IF = 17;
    private static final int IPV6_MULTICAST_HOPS = 18;
    private static final int IPV6_MULTICAST_LOOP = 19;
    private static final int IPV6_ADD_MEMBERSHIP = 20;
    private static final int IPV6_RECVPKTINFO = 49;
    private static final int IPV6_PKTINFO = 50;
    private static final int IPV6_RECVHOPLIMIT = 51;
    private static final int IPV6_HOPLIMIT = 52;

    private final int fd;
    private final boolean ipv6;
    private final int protocol;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(65536);
    private final ByteBuffer from = ByteBuffer.allocateDirect(SocketAddresses.SOCKADDR_IN6_LEN).order(ByteOrder.nativeOrder());
    private final ByteBuffer control = ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder());
    private boolean closed;

    /** What arrived: addresses and TTL/hop limit (-1 if unknown) from the IP layer, and the payload. */
    public record Datagram(InetAddress source, InetAddress destination, int ttl, byte[] payload) {
    }

    private RawSocket(int fd, boolean ipv6, int protocol) {
        this.fd = fd;
        this.ipv6 = ipv6;
        this.protocol = protocol;
    }

    /** A non-blocking raw socket; {@code ipv6} picks AF_INET6 over AF_INET. */
    public static RawSocket open(boolean ipv6, int protocol) {
        int fd = LibC.socket(ipv6 ? SocketAddresses.AF_INET6 : SocketAddresses.AF_INET,
                LibC.SOCK_RAW | LibC.SOCK_CLOEXEC | SOCK_NONBLOCK, protocol);
        return new RawSocket(fd, ipv6, protocol);
    }

    public int fd() {
        return fd;
    }

    public boolean ipv6() {
        return ipv6;
    }

    public int protocol() {
        return protocol;
    }

    /** SO_BINDTODEVICE: send and receive on this interface only (needs CAP_NET_RAW). */
    public RawSocket bindToDevice(String interfaceName) {
        byte[] name = (interfaceName + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer v = ByteBuffer.allocateDirect(name.length);
        v.put(0, name);
        LibC.setsockopt(fd, LibC.SOL_SOCKET, SO_BINDTODEVICE, v);
        return this;
    }

    /** Fixes the source address of what is sent (and, for raw sockets, restricts receipt to it). */
    public RawSocket bind(InetAddress local, int scopeIndex) {
        checkFamily(local);
        LibC.bind(fd, SocketAddresses.inet(local, scopeIndex));
        return this;
    }

    /** Outgoing multicast on {@code ifindex}, TTL / hop limit {@code hops} for multicast and unicast, no loop-back. */
    public RawSocket multicastSender(int ifindex, int hops) {
        if (ipv6) {
            LibC.setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, ifindex);
            LibC.setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, hops);
            LibC.setsockoptInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, hops);
            LibC.setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0);
        } else {
            LibC.setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, ipMreqn(null, ifindex));
            LibC.setsockoptInt(fd, IPPROTO_IP, IP_MULTICAST_TTL, hops);
            LibC.setsockoptInt(fd, IPPROTO_IP, IP_TTL, hops);
            LibC.setsockoptInt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, 0);
        }
        return this;
    }

    /** Joins {@code group} on {@code ifindex} (IP_ADD_MEMBERSHIP / IPV6_JOIN_GROUP). */
    public RawSocket joinGroup(InetAddress group, int ifindex) {
        checkFamily(group);
        if (ipv6) {
            ByteBuffer mreq = ByteBuffer.allocateDirect(20).order(ByteOrder.nativeOrder());
            mreq.put(0, group.getAddress());
            mreq.putInt(16, ifindex);
            LibC.setsockopt(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, mreq);
        } else {
            LibC.setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, ipMreqn(group, ifindex));
        }
        return this;
    }

    /**
     * For a socket used only to send: a raw socket bound to an address also receives every matching datagram
     * addressed to it; the smallest receive buffer keeps that unread queue from holding memory.
     */
    public RawSocket sendOnly() {
        LibC.setsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, 1); // the kernel rounds up to its minimum
        return this;
    }

    /** IPv6 only: deliver hop limit and destination address with every datagram (IPv4 has them in the header). */
    public RawSocket receiveHopLimitAndDestination() {
        if (ipv6) {
            LibC.setsockoptInt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
            LibC.setsockoptInt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1);
        }
        return this;
    }

    /** Sends {@code payload} to {@code destination}; {@code scopeIndex} qualifies link-scoped IPv6 destinations. */
    public void send(InetAddress destination, int scopeIndex, byte[] payload) {
        checkFamily(destination);
        ByteBuffer buf = ByteBuffer.allocateDirect(payload.length);
        buf.put(0, payload);
        LibC.sendto(fd, buf, 0, SocketAddresses.inet(destination, scopeIndex));
    }

    /** The next queued datagram, or null when none is waiting (the socket is non-blocking). */
    public Datagram receive() {
        receiveBuffer.clear();
        from.clear();
        control.clear();
        LibC.RecvMsg r;
        try {
            r = LibC.recvmsg(fd, receiveBuffer, from, ipv6 ? control : null, 0);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EAGAIN) {
                return null;
            }
            throw e;
        }
        int n = (int) Math.min(r.bytes(), receiveBuffer.capacity());
        byte[] data = new byte[n];
        receiveBuffer.get(0, data);
        return ipv6 ? ipv6Datagram(data, r.controlLength()) : ipv4Datagram(data);
    }

    private static Datagram ipv4Datagram(byte[] data) {
        if (data.length < 20) {
            return new Datagram(null, null, -1, new byte[0]);
        }
        int ihl = (data[0] & 0x0f) * 4;
        byte[] src = new byte[4];
        byte[] dst = new byte[4];
        System.arraycopy(data, 12, src, 0, 4);
        System.arraycopy(data, 16, dst, 0, 4);
        byte[] payload = new byte[Math.max(0, data.length - ihl)];
        System.arraycopy(data, Math.min(ihl, data.length), payload, 0, payload.length);
        return new Datagram(SocketAddresses.address(src), SocketAddresses.address(dst), data[8] & 0xff, payload);
    }

    private Datagram ipv6Datagram(byte[] payload, int controlLength) {
        int hops = -1;
        InetAddress destination = null;
        // struct cmsghdr on LP64: size_t len, int level, int type, data aligned to 8
        int pos = 0;
        while (pos + 16 <= controlLength) {
            long len = control.getLong(pos);
            int level = control.getInt(pos + 8);
            int type = control.getInt(pos + 12);
            if (len < 16 || pos + len > controlLength) {
                break;
            }
            if (level == IPPROTO_IPV6 && type == IPV6_HOPLIMIT && len >= 20) {
                hops = control.getInt(pos + 16);
            } else if (level == IPPROTO_IPV6 && type == IPV6_PKTINFO && len >= 32) {
                byte[] raw = new byte[16];
                control.get(pos + 16, raw);
                destination = SocketAddresses.address(raw);
            }
            pos += (int) ((len + 7) & ~7L);
        }
        return new Datagram(SocketAddresses.parse(from), destination, hops, payload);
    }

    private static ByteBuffer ipMreqn(InetAddress group, int ifindex) {
        // struct ip_mreqn { in_addr multiaddr; in_addr address; int ifindex; }
        ByteBuffer m = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
        if (group != null) {
            m.put(0, group.getAddress());
        }
        m.putInt(8, ifindex);
        return m;
    }

    private void checkFamily(InetAddress a) {
        if (ipv6 != (a instanceof Inet6Address) || (!ipv6 && !(a instanceof Inet4Address))) {
            throw new IllegalArgumentException(a + " is not of this socket's family");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
