package io.lvsdirector.netlink;

import java.nio.ByteBuffer;

/**
 * A parsed NLMSG_ERROR (an ACK when errno is 0) or the status carried by NLMSG_DONE, with the extended-ACK
 * TLVs the kernel adds when NETLINK_EXT_ACK is on.
 *
 * @param errno           positive errno, 0 for success
 * @param requestType     nlmsg_type of the request this answers (-1 for NLMSG_DONE)
 * @param requestSeq      sequence number of that request
 * @param message         NLMSGERR_ATTR_MSG, or null
 * @param attributeOffset NLMSGERR_ATTR_OFFS: byte offset of the offending attribute in the request, or -1
 */
public record NlError(int errno, int requestType, int requestSeq, String message, int attributeOffset) {

    public boolean isAck() {
        return errno == 0;
    }

    /** Parses an NLMSG_ERROR message. */
    public static NlError parse(NlMsg m) {
        if (m.type() != Netlink.NLMSG_ERROR) {
            throw new IllegalArgumentException("not an NLMSG_ERROR: " + m);
        }
        ByteBuffer p = m.payload();
        if (p.remaining() < 4 + Netlink.NLMSG_HDRLEN) {
            throw new NetlinkException("short NLMSG_ERROR: " + p.remaining() + " bytes", Errno.EPROTO);
        }
        int error = p.getInt(0);
        int origLen = p.getInt(4);
        int origType = p.getShort(8) & 0xffff;
        int origSeq = p.getInt(12);
        // Without NLM_F_CAPPED the kernel echoes the whole request; the TLVs follow it.
        int tlvStart = m.hasFlag(Netlink.NLM_F_CAPPED)
                ? 4 + Netlink.NLMSG_HDRLEN
                : 4 + Netlink.align(Math.max(origLen, Netlink.NLMSG_HDRLEN));
        NlAttrs tlvs = m.hasFlag(Netlink.NLM_F_ACK_TLVS) ? tlvs(p, tlvStart) : NlAttrs.empty();
        return of(-error, origType, origSeq, tlvs);
    }

    /** Parses the int status of an NLMSG_DONE (negative errno when a dump failed mid-way). */
    public static NlError parseDone(NlMsg m) {
        ByteBuffer p = m.payload();
        int error = p.remaining() >= 4 ? p.getInt(0) : 0;
        NlAttrs tlvs = m.hasFlag(Netlink.NLM_F_ACK_TLVS) ? tlvs(p, 4) : NlAttrs.empty();
        return of(-error, -1, m.seq(), tlvs);
    }

    private static NlAttrs tlvs(ByteBuffer p, int start) {
        if (start >= p.limit()) {
            return NlAttrs.empty();
        }
        ByteBuffer t = p.duplicate();
        t.position(start);
        return NlAttrs.parse(t.slice());
    }

    private static NlError of(int errno, int type, int seq, NlAttrs tlvs) {
        NlAttr msg = tlvs.get(Netlink.NLMSGERR_ATTR_MSG);
        NlAttr offs = tlvs.get(Netlink.NLMSGERR_ATTR_OFFS);
        return new NlError(errno, type, seq, msg == null ? null : msg.string(), offs == null ? -1 : offs.u32());
    }
}
