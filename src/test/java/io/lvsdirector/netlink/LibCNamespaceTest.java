package io.lvsdirector.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The raw libc binding (sendmsg/recvmsg layout, errno mapping), exercised inside a namespace of our own. */
class LibCNamespaceTest {

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int IPPROTO_IP = 0;
    private static final int IP_PKTINFO = 8;

    private static NetworkNamespace ns;

    @BeforeAll
    static void setUp() {
        KernelRequirements.requireRootAndNetns();
        ns = NetworkNamespace.createUnique("lvsd-libc");
        ns.ip("link", "set", "lo", "up");
    }

    @AfterAll
    static void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    private static ByteBuffer direct(int n) {
        return ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
    }

    private static ByteBuffer directOf(byte[] b) {
        return direct(b.length).put(b).flip();
    }

    @Test
    void sendmsgGathersAndRecvmsgReportsSenderAndTruncation() throws Exception {
        ns.call(() -> {
            int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, Netlink.NETLINK_ROUTE);
            try {
                byte[] req = Links.getByNameRequest("lo").addFlags(Netlink.NLM_F_ACK).seq(42).build();
                ByteBuffer kernel = direct(12).putShort(0, (short) LibC.AF_NETLINK);
                // header and body in two iovecs: the kernel must see one contiguous message
                LibC.sendmsg(fd, kernel, new ByteBuffer[] {directOf(java.util.Arrays.copyOfRange(req, 0, 16)),
                        directOf(java.util.Arrays.copyOfRange(req, 16, req.length))}, null, 0);
                ByteBuffer data = direct(64 * 1024);
                ByteBuffer from = direct(12);
                LibC.RecvMsg r = LibC.recvmsg(fd, data, from, null, 0);
                assertFalse(r.truncated());
                assertEquals(12, r.addressLength());
                assertEquals(LibC.AF_NETLINK, from.getShort(0));
                assertEquals(0, from.getInt(4), "sent by the kernel");
                data.limit((int) r.bytes());
                List<NlMsg> msgs = NlMsg.parseAll(data);
                assertEquals(RtNetlink.RTM_NEWLINK, msgs.get(0).type());
                assertEquals(42, msgs.get(0).seq());
                assertEquals("lo", Links.parse(msgs.get(0)).name());

                // the ACK is still queued: read it into a buffer that is too small
                ByteBuffer small = direct(8);
                LibC.RecvMsg t = LibC.recvmsg(fd, small, null, null, LibC.MSG_TRUNC);
                assertTrue(t.truncated());
                assertEquals(36, t.bytes(), "NLMSG_ERROR ack: header, error, echoed header");
            } finally {
                LibC.close(fd);
            }
            return null;
        });
    }

    @Test
    void recvmsgDeliversControlMessages() throws Exception {
        // UDP over the namespace's loopback with IP_PKTINFO: the cmsg says which interface it came in on.
        ns.call(() -> {
            int fd = LibC.socket(AF_INET, SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            try {
                ByteBuffer local = sockaddrIn(0);
                LibC.bind(fd, local);
                ByteBuffer bound = direct(16);
                LibC.getsockname(fd, bound);
                int port = Short.toUnsignedInt(bound.duplicate().order(ByteOrder.BIG_ENDIAN).getShort(2));
                LibC.setsockoptInt(fd, IPPROTO_IP, IP_PKTINFO, 1);

                byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
                LibC.sendmsg(fd, sockaddrIn(port), new ByteBuffer[] {directOf(payload)}, null, 0);

                ByteBuffer data = direct(256);
                ByteBuffer control = direct(256);
                LibC.RecvMsg r = LibC.recvmsg(fd, data, direct(16), control, 0);
                assertEquals(5, r.bytes());
                byte[] got = new byte[5];
                data.get(got);
                assertEquals("hello", new String(got, StandardCharsets.US_ASCII));
                assertFalse(r.controlTruncated());
                // struct cmsghdr {size_t len; int level; int type;} then struct in_pktinfo {int ifindex; ...}
                assertEquals(16 + 12, control.getLong(0));
                assertEquals(IPPROTO_IP, control.getInt(8));
                assertEquals(IP_PKTINFO, control.getInt(12));
                assertEquals(1, control.getInt(16), "arrived on lo (ifindex 1)");
            } finally {
                LibC.close(fd);
            }
            return null;
        });
    }

    @Test
    void failuresCarryErrnoNames() throws Exception {
        ErrnoException e = assertThrows(ErrnoException.class, () -> LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW, 4242));
        assertEquals("EPROTONOSUPPORT", e.errnoName());
        assertTrue(e.getMessage().startsWith("socket: EPROTONOSUPPORT"), e.getMessage());

        ErrnoException bad = assertThrows(ErrnoException.class, () -> LibC.close(1_000_000));
        assertEquals(Errno.EBADF, bad.errno());

        ErrnoException noNs = assertThrows(ErrnoException.class,
                () -> NetworkNamespace.existing("lvsd-never-created").call(() -> null));
        assertEquals(Errno.ENOENT, noNs.errno());
        assertTrue(LibC.getpid() > 0);
    }

    /** struct sockaddr_in for 127.0.0.1:port. */
    private static ByteBuffer sockaddrIn(int port) {
        ByteBuffer a = direct(16);
        a.putShort(0, (short) AF_INET);
        a.put(2, (byte) (port >>> 8)).put(3, (byte) port);
        a.put(4, (byte) 127).put(7, (byte) 1);
        return a;
    }
}
