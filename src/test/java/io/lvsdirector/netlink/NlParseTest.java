package io.lvsdirector.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Decoding: messages, attributes, NLMSG_ERROR with and without extended ACK, NLMSG_DONE. */
class NlParseTest {

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "vectors are for little-endian hosts");
    }

    private static NlMsg one(String hex) {
        List<NlMsg> all = NlMsg.parseAll(ByteBuffer.wrap(Hex.bytes(hex)));
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    void extendedAckWithEchoedRequest() {
        // strace recvmsg of `ip link set v0 mtu 10`: EINVAL, NLM_F_ACK_TLVS, the 40-byte request echoed,
        // then NLMSGERR_ATTR_MSG (33 bytes, padded to 36).
        NlMsg m = one("60000000 0200 0002 ee4b066b 2f0a0000"
                + " eaffffff"
                + " 28000000 1000 0500 ee4b066b 00000000"
                + " 00000000 03000000 00000000 00000000 0800 0400 0a000000"
                + " 2100 0100 6d7475206c657373207468616e20646576696365206d696e696d756d00 000000");
        assertEquals(Netlink.NLMSG_ERROR, m.type());
        assertEquals(1795574766, m.seq());
        assertEquals(2607, m.pid());
        NlError e = NlError.parse(m);
        assertFalse(e.isAck());
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(RtNetlink.RTM_NEWLINK, e.requestType());
        assertEquals(1795574766, e.requestSeq());
        assertEquals("mtu less than device minimum", e.message());
        assertEquals(-1, e.attributeOffset());
        NetlinkException ex = new NetlinkException("RTM_NEWLINK", e);
        assertEquals("RTM_NEWLINK: EINVAL (Invalid argument): mtu less than device minimum", ex.getMessage());
        assertEquals("EINVAL", ex.errnoName());
    }

    @Test
    void cappedErrorWithOffsetAndMessage() {
        // NETLINK_CAP_ACK: only the request header is echoed (NLM_F_CAPPED), TLVs follow it directly.
        NlMsg m = one("3c000000 0200 0003 07000000 99000000"
                + " edffffff"                              // -19 ENODEV
                + " 28000000 1400 0506 07000000 00000000"  // request header only
                + " 0800 0200 18000000"                    // NLMSGERR_ATTR_OFFS = 24
                + " 0e00 0100 6e6f20646576696365 00 0000"); // "no device" + NUL, padded
        NlError e = NlError.parse(m);
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals(RtNetlink.RTM_NEWADDR, e.requestType());
        assertEquals(24, e.attributeOffset());
        assertEquals("no device", e.message());
        NetlinkException ex = new NetlinkException("RTM_NEWADDR", e);
        assertTrue(ex.getMessage().contains("ENODEV (No such device): no device (attribute at offset 24)"),
                ex.getMessage());
    }

    @Test
    void plainAckAndPlainError() {
        // strace of `genl ctrl get name IPVS`: ENOENT, request echoed, no TLVs.
        NlMsg m = one("34000000 0200 0000 f14b066b 4d0a0000 feffffff"
                + " 20000000 1000 0500 f14b066b 00000000 03000000 0900 0200 4950565300 000000");
        NlError e = NlError.parse(m);
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(GenericNetlink.GENL_ID_CTRL, e.requestType());
        assertNull(e.message());

        NlMsg ack = one("24000000 0200 0001 05000000 00000000 00000000 14000000 1400 0506 05000000 00000000");
        assertTrue(NlError.parse(ack).isAck());
    }

    @Test
    void doneCarriesDumpStatus() {
        NlMsg ok = one("14000000 0300 0200 09000000 00000000 00000000");
        assertTrue(NlError.parseDone(ok).isAck());
        NlMsg failed = one("20000000 0300 0202 09000000 00000000 f4ffffff 0b00 0100 6e6f206d656d00 00");
        NlError e = NlError.parseDone(failed);
        assertEquals(Errno.ENOMEM, e.errno());
        assertEquals("no mem", e.message());
    }

    @Test
    void severalMessagesInOneDatagram() {
        List<NlMsg> all = NlMsg.parseAll(ByteBuffer.wrap(Hex.bytes(
                "15000000 1400 0200 01000000 00000000 aa00000000 000000"   // length 21, padded to 24
                        + " 14000000 0300 0200 01000000 00000000 00000000")));
        assertEquals(2, all.size());
        assertEquals(5, all.get(0).payload().remaining());
        assertEquals(Netlink.NLMSG_DONE, all.get(1).type());
        assertTrue(all.get(0).hasFlag(Netlink.NLM_F_MULTI));
    }

    @Test
    void malformedLengthIsRejected() {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> NlMsg.parseAll(ByteBuffer.wrap(Hex.bytes("40000000 0300 0000 00000000 00000000"))));
        assertEquals(Errno.EPROTO, e.errno());
    }

    @Test
    void attributesDecodeAllTypes() throws Exception {
        NlMsg m = NlMsg.parseAll(ByteBuffer.wrap(MessageBuilder.request(0x20, 0)
                .u8(1, 200).u16(2, 65000).u16Be(3, 8080).u32(4, -2).u32Be(5, 0x0a000001).u64(6, -3L)
                .string(7, "rr").address(8, InetAddress.getByName("2001:db8::1"))
                .address16(9, InetAddress.getByName("10.0.0.1")).flag(10)
                .u32(4, 5) // repeated type
                .build())).get(0);
        NlAttrs a = m.attrs(0);
        assertEquals(200, a.get(1).u8());
        assertEquals(65000, a.get(2).u16());
        assertEquals(8080, a.get(3).u16Be());
        assertEquals(-2, a.get(4).u32());
        assertEquals(0x0a000001, a.get(5).u32Be());
        assertEquals(-3L, a.get(6).u64());
        assertEquals("rr", a.get(7).string());
        assertEquals(InetAddress.getByName("2001:db8::1"), a.get(8).inetAddress());
        assertEquals(InetAddress.getByName("10.0.0.1"), a.get(9).inetAddress(4));
        assertEquals(0, a.get(10).length());
        assertEquals(2, a.all(4).size());
        assertEquals(5, a.all(4).get(1).u32());
        assertNull(a.get(11));
        assertThrows(IllegalStateException.class, () -> a.require(11));
        assertThrows(IllegalStateException.class, () -> a.get(1).u32());
    }

    @Test
    void nestedFlagIsMaskedAndNestedAttributesParse() {
        MessageBuilder b = MessageBuilder.request(0x20, 0);
        int mark = b.beginNested(2 | Netlink.NLA_F_NESTED);
        b.string(1, "x").u32(2, 9);
        b.endNested(mark);
        NlAttr outer = NlMsg.parseAll(ByteBuffer.wrap(b.build())).get(0).attrs(0).get(2);
        assertTrue(outer.isNestedFlagSet());
        assertEquals(2, outer.type());
        NlAttrs inner = outer.nested();
        assertEquals("x", inner.get(1).string());
        assertEquals(9, inner.get(2).u32());
    }

    @Test
    void truncatedAttributeStopsParsingLikeTheKernel() {
        // second attribute claims 12 bytes but only 8 remain
        NlAttrs a = NlAttrs.parse(ByteBuffer.wrap(Hex.bytes("0800 0100 01000000 0c00 0200 02000000"))
                .order(ByteOrder.LITTLE_ENDIAN));
        assertEquals(1, a.size());
    }

    @Test
    void linkMessageDecodes() {
        NlMsg m = NlMsg.parseAll(ByteBuffer.wrap(MessageBuilder.request(RtNetlink.RTM_NEWLINK, 0)
                .rawU8(0).rawU8(0).rawU16(1).rawU32(4).rawU32(0x11043).rawU32(0)
                .string(RtNetlink.IFLA_IFNAME, "veth0")
                .u32(RtNetlink.IFLA_MTU, 1500)
                .u8(RtNetlink.IFLA_OPERSTATE, 6)
                .binary(RtNetlink.IFLA_ADDRESS, Hex.bytes("02aabbccddee"))
                .build())).get(0);
        Link l = Links.parse(m);
        assertEquals(new Link(4, "veth0", 0x11043, 1500, OperState.UP, "02:aa:bb:cc:dd:ee"), l);
        assertTrue(l.isUp() && l.isRunning() && l.isLowerUp());
        assertFalse(l.isLoopback());
        assertEquals("02aabbccddee", Hex.of(l.hardwareAddress()));
    }

    @Test
    void addressMessageDecodesPreferringLocalAndIfaFlags() throws Exception {
        NlMsg m = NlMsg.parseAll(ByteBuffer.wrap(MessageBuilder.request(RtNetlink.RTM_NEWADDR, 0)
                .rawU8(RtNetlink.AF_INET).rawU8(32).rawU8(0x80).rawU8(0).rawU32(3)
                .address(RtNetlink.IFA_ADDRESS, InetAddress.getByName("10.0.0.9"))
                .address(RtNetlink.IFA_LOCAL, InetAddress.getByName("10.0.0.1"))
                .string(RtNetlink.IFA_LABEL, "veth0:vip")
                .u32(RtNetlink.IFA_FLAGS, 0x280)
                .build())).get(0);
        IfAddress a = Addresses.parse(m);
        assertEquals(new IfAddress(3, InetAddress.getByName("10.0.0.1"), 32, 0x280, 0, "veth0:vip"), a);
        assertEquals("10.0.0.1/32", a.cidr());
        assertFalse(a.isIpv6());
    }

    @Test
    void familyReplyDecodes() {
        MessageBuilder b = MessageBuilder.genl(GenericNetlink.GENL_ID_CTRL, 0, GenericNetlink.CTRL_CMD_NEWFAMILY, 2)
                .string(GenericNetlink.CTRL_ATTR_FAMILY_NAME, "IPVS")
                .u16(GenericNetlink.CTRL_ATTR_FAMILY_ID, 0x22)
                .u32(GenericNetlink.CTRL_ATTR_VERSION, 1)
                .u32(GenericNetlink.CTRL_ATTR_HDRSIZE, 0)
                .u32(GenericNetlink.CTRL_ATTR_MAXATTR, 9);
        int groups = b.beginNested(GenericNetlink.CTRL_ATTR_MCAST_GROUPS);
        b.nested(1, g -> g.u32(GenericNetlink.CTRL_ATTR_MCAST_GRP_ID, 7)
                .string(GenericNetlink.CTRL_ATTR_MCAST_GRP_NAME, "events"));
        b.endNested(groups);
        GenlFamily f = GenericNetlink.parseFamily(NlMsg.parseAll(ByteBuffer.wrap(b.build())).get(0));
        assertEquals(new GenlFamily(0x22, "IPVS", 1, 0, 9, java.util.Map.of("events", 7)), f);
        byte[] req = f.request(1, 0).build();
        assertEquals("14000000220001000000000000000000" + "01010000", Hex.of(req));
    }

    @Test
    void errnoNames() {
        assertEquals("ENODEV", Errno.name(19));
        assertEquals("EOPNOTSUPP", Errno.name(Errno.ENOTSUP));
        assertEquals("E4095", Errno.name(4095));
        assertEquals("EADDRNOTAVAIL (Cannot assign requested address)", Errno.describe(99));
    }
}
