package io.lvsdirector.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds one netlink message: the 16-byte nlmsghdr, an optional family header (genlmsghdr, ifaddrmsg...), then
 * attributes, each padded to 4 bytes. Host byte order unless a method says {@code Be} (network order), as the
 * kernel wants for e.g. IPVS ports. Addresses are always written in network order.
 *
 * <p>Sequence number and port id are left 0 here; {@link NetlinkSocket} stamps them when sending.
 * Not thread-safe; build, then hand the bytes over.
 */
public final class MessageBuilder {

    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    private MessageBuilder(int type, int flags) {
        buf.putInt(0); // nlmsg_len, set by build()
        buf.putShort((short) type);
        buf.putShort((short) flags);
        buf.putInt(0); // nlmsg_seq
        buf.putInt(0); // nlmsg_pid
    }

    /** A request message: NLM_F_REQUEST is always added. */
    public static MessageBuilder request(int type, int flags) {
        return new MessageBuilder(type, flags | Netlink.NLM_F_REQUEST);
    }

    /** A generic-netlink request: nlmsghdr of type {@code familyId}, then genlmsghdr {cmd, version, 0}. */
    public static MessageBuilder genl(int familyId, int flags, int cmd, int version) {
        MessageBuilder b = request(familyId, flags);
        b.rawU8(cmd).rawU8(version).rawU16(0);
        return b;
    }

    public int type() {
        return buf.getShort(4) & 0xffff;
    }

    public int flags() {
        return buf.getShort(6) & 0xffff;
    }

    /** Adds flags to the header (e.g. NLM_F_ACK, NLM_F_CREATE). */
    public MessageBuilder addFlags(int flags) {
        buf.putShort(6, (short) (flags() | flags));
        return this;
    }

    public MessageBuilder seq(int seq) {
        buf.putInt(8, seq);
        return this;
    }

    public MessageBuilder pid(int pid) {
        buf.putInt(12, pid);
        return this;
    }

    // ---- raw family-header fields (no attribute header, no padding) ----

    public MessageBuilder rawU8(int v) {
        ensure(1).put((byte) v);
        return this;
    }

    public MessageBuilder rawU16(int v) {
        ensure(2).putShort((short) v);
        return this;
    }

    public MessageBuilder rawU32(int v) {
        ensure(4).putInt(v);
        return this;
    }

    public MessageBuilder rawBytes(byte[] b) {
        ensure(b.length).put(b);
        return this;
    }

    /** Pads with zeros to the next 4-byte boundary (after a family header of odd size). */
    public MessageBuilder alignPad() {
        int pad = Netlink.align(buf.position()) - buf.position();
        ensure(pad).put(new byte[pad]);
        return this;
    }

    // ---- attributes ----

    private ByteBuffer attrHeader(int type, int payloadLen) {
        int len = Netlink.NLA_HDRLEN + payloadLen;
        if (len > 0xffff) {
            throw new IllegalArgumentException("attribute " + type + " too long: " + payloadLen);
        }
        ByteBuffer b = ensure(Netlink.align(len));
        b.putShort((short) len).putShort((short) type);
        return b;
    }

    private void padAttr(int payloadLen) {
        int pad = Netlink.align(payloadLen) - payloadLen;
        for (int i = 0; i < pad; i++) {
            buf.put((byte) 0);
        }
    }

    public MessageBuilder u8(int type, int v) {
        attrHeader(type, 1).put((byte) v);
        padAttr(1);
        return this;
    }

    public MessageBuilder u16(int type, int v) {
        attrHeader(type, 2).putShort((short) v);
        padAttr(2);
        return this;
    }

    /** u16 in network byte order (e.g. IPVS_SVC_ATTR_PORT). */
    public MessageBuilder u16Be(int type, int v) {
        attrHeader(type, 2).put((byte) (v >>> 8)).put((byte) v);
        padAttr(2);
        return this;
    }

    public MessageBuilder u32(int type, int v) {
        attrHeader(type, 4).putInt(v);
        return this;
    }

    /** u32 in network byte order (e.g. an IPv4 netmask as the kernel's __be32). */
    public MessageBuilder u32Be(int type, int v) {
        attrHeader(type, 4).put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
        return this;
    }

    public MessageBuilder u64(int type, long v) {
        attrHeader(type, 8).putLong(v);
        return this;
    }

    /** NUL-terminated string (NLA_NUL_STRING / NLA_STRING as iproute2 and libnl send it). */
    public MessageBuilder string(int type, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        attrHeader(type, b.length + 1).put(b).put((byte) 0);
        padAttr(b.length + 1);
        return this;
    }

    public MessageBuilder binary(int type, byte[] b) {
        attrHeader(type, b.length).put(b);
        padAttr(b.length);
        return this;
    }

    /** Zero-length attribute (NLA_FLAG). */
    public MessageBuilder flag(int type) {
        attrHeader(type, 0);
        return this;
    }

    /** IPv4 (4 bytes) or IPv6 (16 bytes) address in network order. */
    public MessageBuilder address(int type, InetAddress a) {
        return binary(type, a.getAddress());
    }

    /**
     * Address in a fixed 16-byte field (union nf_inet_addr), IPv4 in the first 4 bytes and zeros after, the way
     * IPVS carries its addresses.
     */
    public MessageBuilder address16(int type, InetAddress a) {
        return binary(type, Arrays.copyOf(a.getAddress(), 16));
    }

    /**
     * Opens a nested attribute and returns a mark for {@link #endNested}. The type is written as given: OR in
     * {@link Netlink#NLA_F_NESTED} for families that validate it strictly.
     */
    public int beginNested(int type) {
        int start = buf.position();
        attrHeader(type, 0);
        return start;
    }

    public MessageBuilder endNested(int mark) {
        int len = buf.position() - mark;
        if (len > 0xffff) {
            throw new IllegalStateException("nested attribute too long: " + len);
        }
        buf.putShort(mark, (short) len);
        return this;
    }

    public MessageBuilder nested(int type, Consumer<MessageBuilder> body) {
        int mark = beginNested(type);
        body.accept(this);
        return endNested(mark);
    }

    /** The finished message with nlmsg_len set. The builder stays usable (e.g. to build again with another seq). */
    public byte[] build() {
        buf.putInt(0, buf.position());
        return Arrays.copyOf(buf.array(), buf.position());
    }

    public int length() {
        return buf.position();
    }

    private ByteBuffer ensure(int n) {
        if (buf.remaining() < n) {
            int cap = Math.max(buf.capacity() * 2, buf.position() + n);
            ByteBuffer bigger = ByteBuffer.allocate(cap).order(ByteOrder.nativeOrder());
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }
}
