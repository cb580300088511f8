package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChecksumsTest {

    @Test
    void rfc1071Example() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (after the end-around carry).
        byte[] data = HexFormat.of().parseHex("0001f203f4f5f6f7");
        assertEquals(0x220d, Checksums.internet(data, 0, data.length));
    }

    @Test
    void oddLengthIsPaddedWithZero() {
        byte[] odd = {0x12, 0x34, 0x56};
        byte[] padded = {0x12, 0x34, 0x56, 0x00};
        assertEquals(Checksums.internet(padded, 0, 4), Checksums.internet(odd, 0, 3));
        assertEquals(~(0x1234 + 0x5600) & 0xffff, Checksums.internet(odd, 0, 3));
    }

    @Test
    void dataWithItsChecksumSumsToZero() {
        byte[] data = HexFormat.of().parseHex("45000073000040004011000 0c0a80001c0a800c7".replace(" ", ""));
        int sum = Checksums.internet(data, 0, data.length);
        data[10] = (byte) (sum >>> 8);
        data[11] = (byte) sum;
        assertEquals(0, Checksums.internet(data, 0, data.length));
        assertEquals(0xb861, sum); // the well-known IPv4 header example
    }

    @Test
    void ipv4PseudoHeaderLayout() {
        byte[] h = Checksums.ipv4PseudoHeader((Inet4Address) Addr.of("192.168.1.1"), (Inet4Address) Addr.of("224.0.0.18"), 12);
        assertArrayEquals(HexFormat.of().parseHex("c0a80101e0000012" + "00" + "70" + "000c"), h);
    }

    @Test
    void ipv6PseudoHeaderLayout() {
        byte[] h = Checksums.ipv6PseudoHeader((Inet6Address) Addr.of("fe80::1"), (Inet6Address) Addr.of("ff02::12"), 40);
        assertArrayEquals(HexFormat.of().parseHex(
                "fe800000000000000000000000000001" + "ff020000000000000000000000000012" + "00000028" + "00000070"), h);
    }
}
