package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VRRP payloads sent by keepalived v2.2.7 (Debian) at its defaults, captured with tcpdump on a veth
 * pair inside a private network namespace. They pin the wire format, and in particular that
 * keepalived's default VRRPv3-over-IPv4 checksum includes the IPv4 pseudo-header.
 */
class KeepalivedVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Endpoints V4 = Endpoints.multicast(Addr.of("10.99.0.1"));
    private static final Endpoints V6 = Endpoints.multicast(Addr.of("fe80::609e:45ff:fe45:f99e"));

    // version 3, vrid 51, prio 100, advert_int 1 -> 100 cs, VIP 10.99.0.100
    private static final byte[] V3_IPV4 = HEX.parseHex("31336401" + "0064" + "74ad" + "0a630064");
    // version 2, vrid 52, prio 150, auth PASS "secret", VIPs 10.99.0.101 and .102; then its priority-0 goodbye
    private static final byte[] V2_PASS = HEX.parseHex("21349602" + "0101" + "f5ea" + "0a630065" + "0a630066" + "7365637265740000");
    private static final byte[] V2_PASS_PRIO0 = HEX.parseHex("21340002" + "0101" + "8beb" + "0a630065" + "0a630066" + "7365637265740000");
    // version 3 over IPv6, vrid 53, prio 200, advert_int 0.5 -> 50 cs, VIP 2001:db8::53; then priority 0
    private static final byte[] V3_IPV6 = HEX.parseHex("3135c801" + "0032" + "3bea" + "20010db8000000000000000000000053");
    private static final byte[] V3_IPV6_PRIO0 = HEX.parseHex("31350001" + "0032" + "03eb" + "20010db8000000000000000000000053");

    @Test
    void v3Ipv4DefaultChecksumIncludesThePseudoHeader() {
        VrrpPacket expected = VrrpPacket.v3(51, 100, 100, List.of(Addr.of("10.99.0.100")));
        assertEquals(new DecodeResult.Decoded(expected), VrrpCodec.decode(V3_IPV4, V4, ChecksumMode.DEFAULT));
        assertArrayEquals(V3_IPV4, VrrpCodec.encode(expected, V4, ChecksumMode.DEFAULT));
        assertEquals(DropReason.BAD_CHECKSUM,
                assertInstanceOf(DecodeResult.Dropped.class, VrrpCodec.decode(V3_IPV4, V4, ChecksumMode.AS_V2)).reason());
    }

    @Test
    void v2WithSimplePasswordAndItsPriorityZero() {
        byte[] pw = {'s', 'e', 'c', 'r', 'e', 't', 0, 0};
        List<java.net.InetAddress> vips = List.of(Addr.of("10.99.0.101"), Addr.of("10.99.0.102"));
        VrrpPacket expected = VrrpPacket.v2(52, 150, 1, VrrpPacket.AUTH_SIMPLE_TEXT, pw, vips);
        assertEquals(new DecodeResult.Decoded(expected), VrrpCodec.decode(V2_PASS, V4, ChecksumMode.DEFAULT));
        assertArrayEquals(V2_PASS, VrrpCodec.encode(expected, V4));
        assertArrayEquals(V2_PASS_PRIO0, VrrpCodec.encode(expected.withPriority(0), V4));
    }

    @Test
    void v3Ipv6WithPseudoHeaderAndItsPriorityZero() {
        VrrpPacket expected = VrrpPacket.v3(53, 200, 50, List.of(Addr.of("2001:db8::53")));
        assertEquals(new DecodeResult.Decoded(expected), VrrpCodec.decode(V3_IPV6, V6, ChecksumMode.DEFAULT));
        assertArrayEquals(V3_IPV6, VrrpCodec.encode(expected, V6));
        assertArrayEquals(V3_IPV6_PRIO0, VrrpCodec.encode(expected.withPriority(0), V6, ChecksumMode.AS_V2));
    }

    @Test
    void ourConfigAcceptsKeepalivedsV2Advert() {
        VrrpConfig ours = VrrpConfig.builder("vi", 2, 52, Addr.of("10.99.0.2")).priority(100)
                .vips(List.of(Addr.of("10.99.0.101"), Addr.of("10.99.0.102")))
                .auth(VrrpPacket.AUTH_SIMPLE_TEXT, new byte[] {'s', 'e', 'c', 'r', 'e', 't', 0, 0}).build();
        AdvertReceiver.Outcome o = AdvertReceiver.receive(V2_PASS, 0, V2_PASS.length, 255, V4, ours, new VrrpCounters());
        AdvertReceiver.Accepted a = assertInstanceOf(AdvertReceiver.Accepted.class, o);
        assertEquals(new Advert(Addr.of("10.99.0.1"), 150, 100), a.advert());
    }
}
