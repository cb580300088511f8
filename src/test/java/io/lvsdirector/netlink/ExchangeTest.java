package io.lvsdirector.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** How replies are matched to a request and when it is complete, without a kernel. */
class ExchangeTest {

    private static NlMsg msg(int type, int flags, int seq, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.nativeOrder());
        b.putInt(16 + payload.length).putShort((short) type).putShort((short) flags).putInt(seq).putInt(77);
        b.put(payload).flip();
        return NlMsg.parseAll(b).get(0);
    }

    private static byte[] status(int error) {
        // error/status int followed by the echoed request header (capped ACK)
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
        b.putInt(error).putInt(16).putShort((short) 0x14).putShort((short) 5).putInt(5).putInt(0);
        return b.array();
    }

    @Test
    void ackEndsARequestAndRepliesBeforeItAreKept() {
        Exchange ex = new Exchange("GET", 5);
        assertFalse(ex.accept(msg(0x10, 0, 4, new byte[4])), "other seq ignored");
        assertFalse(ex.accept(msg(0x10, 0, 5, new byte[4])));
        assertFalse(ex.accept(msg(Netlink.NLMSG_NOOP, 0, 5, new byte[0])));
        assertTrue(ex.accept(msg(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED, 5, status(0))));
        assertEquals(1, ex.replies().size());
        assertFalse(ex.interrupted());
    }

    @Test
    void errorBecomesTypedException() {
        Exchange ex = new Exchange("RTM_NEWADDR", 5);
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> ex.accept(msg(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED, 5, status(-Errno.EEXIST))));
        assertEquals(Errno.EEXIST, e.errno());
        assertEquals("RTM_NEWADDR: EEXIST (File exists)", e.getMessage());
    }

    @Test
    void dumpEndsAtDoneAndNotesInterruption() {
        Exchange ex = new Exchange("dump", 9);
        assertFalse(ex.accept(msg(0x14, Netlink.NLM_F_MULTI, 9, new byte[8])));
        assertFalse(ex.accept(msg(0x14, Netlink.NLM_F_MULTI | Netlink.NLM_F_DUMP_INTR, 9, new byte[8])));
        assertTrue(ex.accept(msg(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, 9, new byte[4])));
        assertEquals(2, ex.replies().size());
        assertTrue(ex.interrupted());
        assertTrue(ex.accept(msg(0x14, 0, 9, new byte[8])), "nothing is added after completion");
        assertEquals(2, ex.replies().size());
    }

    @Test
    void failedDumpThrows() {
        Exchange ex = new Exchange("dump", 9);
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> ex.accept(msg(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, 9, status(-Errno.EINTR))));
        assertEquals("EINTR", e.errnoName());
    }
}
