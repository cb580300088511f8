package io.lvsdirector.netlink;

import java.nio.ByteBuffer;

/**
 * An AF_PACKET SOCK_DGRAM socket for sending link-layer payloads (gratuitous ARP): the kernel adds the
 * Ethernet header from the destination given per send. Opened with protocol 0 so it receives nothing.
 */
public final class PacketSocket implements AutoCloseable {

    public static final int ETH_P_ARP = 0x0806;
    private static final int SOCK_DGRAM = 2;

    private final int fd;
    private boolean closed;

    private PacketSocket(int fd) {
        this.fd = fd;
    }

    /** Opens the socket in the namespace of the calling thread (needs CAP_NET_RAW). */
    public static PacketSocket open() {
        return new PacketSocket(LibC.socket(SocketAddresses.AF_PACKET, SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0));
    }

    /** Sends {@code payload} as one frame of {@code etherType} to {@code destinationMac} out of {@code ifindex}. */
    public void send(int ifindex, int etherType, byte[] destinationMac, byte[] payload) {
        ByteBuffer buf = ByteBuffer.allocateDirect(payload.length);
        buf.put(0, payload);
        LibC.sendto(fd, buf, 0, SocketAddresses.link(ifindex, etherType, destinationMac));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }
}
