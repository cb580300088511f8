package io.lvsdirector.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** A received netlink message: the nlmsghdr fields and a read-only view of the payload after the header. */
public final class NlMsg {

    private final int type;
    private final int flags;
    private final int seq;
    private final int pid;
    private final ByteBuffer payload;

    NlMsg(int type, int flags, int seq, int pid, ByteBuffer payload) {
        this.type = type;
        this.flags = flags;
        this.seq = seq;
        this.pid = pid;
        this.payload = payload.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /**
     * Splits a datagram into messages (NLMSG_NEXT). The returned views share nothing with {@code datagram}: the
     * bytes are copied once, so the socket's receive buffer can be reused.
     */
    public static List<NlMsg> parseAll(ByteBuffer datagram) {
        ByteBuffer src = datagram.duplicate();
        byte[] copy = new byte[src.remaining()];
        src.get(copy);
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder());
        List<NlMsg> out = new ArrayList<>();
        int pos = 0;
        while (copy.length - pos >= Netlink.NLMSG_HDRLEN) {
            int len = b.getInt(pos);
            if (len < Netlink.NLMSG_HDRLEN || len > copy.length - pos) {
                throw new NetlinkException("malformed netlink message: length " + len + " at offset " + pos
                        + " of " + copy.length, Errno.EPROTO);
            }
            ByteBuffer p = b.duplicate();
            p.position(pos + Netlink.NLMSG_HDRLEN).limit(pos + len);
            out.add(new NlMsg(b.getShort(pos + 4) & 0xffff, b.getShort(pos + 6) & 0xffff, b.getInt(pos + 8),
                    b.getInt(pos + 12), p.slice()));
            pos += Netlink.align(len);
        }
        return out;
    }

    public int type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) == flag;
    }

    public int seq() {
        return seq;
    }

    public int pid() {
        return pid;
    }

    /** Payload after nlmsghdr (position 0, native order). */
    public ByteBuffer payload() {
        return payload.duplicate().order(ByteOrder.nativeOrder());
    }

    /** Attributes that follow a fixed family header of {@code headerLen} bytes (aligned to 4). */
    public NlAttrs attrs(int headerLen) {
        int start = Netlink.align(headerLen);
        if (start > payload.remaining()) {
            return NlAttrs.empty();
        }
        ByteBuffer p = payload();
        p.position(start);
        return NlAttrs.parse(p.slice());
    }

    /** genlmsghdr.cmd of a generic-netlink message. */
    public int genlCmd() {
        return payload.get(0) & 0xff;
    }

    /** genlmsghdr.version of a generic-netlink message. */
    public int genlVersion() {
        return payload.get(1) & 0xff;
    }

    /** Attributes after the 4-byte genlmsghdr (plus a family-specific header of {@code familyHdrSize}). */
    public NlAttrs genlAttrs(int familyHdrSize) {
        return attrs(GenericNetlink.GENL_HDRLEN + Netlink.align(familyHdrSize));
    }

    public NlAttrs genlAttrs() {
        return genlAttrs(0);
    }

    @Override
    public String toString() {
        return "NlMsg{type=" + type + ",flags=0x" + Integer.toHexString(flags) + ",seq=" + seq + ",pid=" + pid
                + ",len=" + payload.remaining() + "}";
    }
}
