package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Vectors worked out from the RFC layouts. Each expected checksum was summed by hand (shown) and is
 * re-checked with {@link #referenceChecksum}, a deliberately naive independent implementation.
 */
class VrrpCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final InetAddress SRC4 = Addr.of("192.168.1.1");
    private static final Endpoints V4 = Endpoints.multicast(SRC4);
    private static final Endpoints V6 = Endpoints.multicast(Addr.of("fe80::1"));

    /** Sum of 16-bit words as plain ints, folded at the end: independent of {@link Checksums}. */
    static int referenceChecksum(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            int padded = part.length + (part.length & 1);
            for (int i = 0; i < padded; i += 2) {
                int hi = part[i] & 0xff;
                int lo = i + 1 < part.length ? part[i + 1] & 0xff : 0;
                total += hi * 256 + lo;
            }
        }
        while (total > 0xffff) {
            total = total % 0x10000 + total / 0x10000;
        }
        return 0xffff - total;
    }

    @Test
    void v2AdvertisementByteExact() {
        // RFC 3768 §5.1: 21 | VRID 51 | prio 100 | count 1 | auth 0 | adver 1 s | cksum | 192.168.1.10 | 8 x 00.
        // Words 2133+6401+0001+c0a8+010a = 146e7 -> 46e8 -> checksum ~46e8 = b917.
        VrrpPacket p = VrrpPacket.v2(51, 100, 1, 0, null, List.of(Addr.of("192.168.1.10")));
        byte[] wire = VrrpCodec.encode(p, V4, ChecksumMode.PSEUDO_HEADER); // mode is irrelevant for v2
        assertArrayEquals(HEX.parseHex("21336401" + "0001" + "b917" + "c0a8010a" + "0000000000000000"), wire);
        byte[] zeroed = wire.clone();
        zeroed[6] = 0;
        zeroed[7] = 0;
        assertEquals(0xb917, referenceChecksum(zeroed));
        assertEquals(new DecodeResult.Decoded(p), VrrpCodec.decode(wire, V4, ChecksumMode.PSEUDO_HEADER));
        assertEquals(new DecodeResult.Decoded(p), VrrpCodec.decode(wire, V4, ChecksumMode.AS_V2));
    }

    @Test
    void v2WithSimplePasswordCarriesEightBytesOfAuthData() {
        byte[] pw = {'s', 'e', 'c', 'r', 'e', 't', 0, 0};
        VrrpPacket p = VrrpPacket.v2(7, 150, 3, VrrpPacket.AUTH_SIMPLE_TEXT, pw,
                List.of(Addr.of("10.0.0.100"), Addr.of("10.0.0.101")));
        byte[] wire = VrrpCodec.encode(p, V4);
        assertEquals(8 + 2 * 4 + 8, wire.length);
        assertEquals(0x21, wire[0]);
        assertEquals(1, wire[4]);
        assertEquals(3, wire[5]);
        assertArrayEquals(pw, java.util.Arrays.copyOfRange(wire, 16, 24));
        byte[] zeroed = wire.clone();
        zeroed[6] = 0;
        zeroed[7] = 0;
        assertEquals(referenceChecksum(zeroed), ((wire[6] & 0xff) << 8) | (wire[7] & 0xff));
        assertEquals(new DecodeResult.Decoded(p), VrrpCodec.decode(wire, V4, ChecksumMode.DEFAULT));
    }

    @Test
    void v3Ipv4WithPseudoHeaderAsKeepalivedSendsByDefault() {
        // 31 | 51 | 100 | 1 | rsvd 0, max adver 100 cs = 0064 | cksum | 192.168.1.10
        // pseudo: c0a8 0101 e000 0012 0070 000c = 1a237; message 3133+6401+0064+c0a8+010a = 1574a
        // 1a237 + 1574a = 2f981 -> f983 -> checksum 067c
        VrrpPacket p = VrrpPacket.v3(51, 100, 100, List.of(Addr.of("192.168.1.10")));
        byte[] wire = VrrpCodec.encode(p, V4, ChecksumMode.PSEUDO_HEADER);
        assertArrayEquals(HEX.parseHex("31336401" + "0064" + "067c" + "c0a8010a"), wire);
        assertEquals(0x067c, referenceChecksum(HEX.parseHex("c0a80101e0000012" + "0070000c"),
                HEX.parseHex("3133640100640000c0a8010a")));
        assertEquals(new DecodeResult.Decoded(p), VrrpCodec.decode(wire, V4, ChecksumMode.PSEUDO_HEADER));
    }

    @Test
    void v3Ipv4AsV2LeavesThePseudoHeaderOut() {
        // RFC 9568 §5.2.8 for IPv4: message only. 1574a -> 574b -> a8b4
        VrrpPacket p = VrrpPacket.v3(51, 100, 100, List.of(Addr.of("192.168.1.10")));
        byte[] wire = VrrpCodec.encode(p, V4, ChecksumMode.AS_V2);
        assertArrayEquals(HEX.parseHex("31336401" + "0064" + "a8b4" + "c0a8010a"), wire);
        assertEquals(0xa8b4, referenceChecksum(HEX.parseHex("3133640100640000c0a8010a")));
        assertEquals(new DecodeResult.Decoded(p), VrrpCodec.decode(wire, V4, ChecksumMode.AS_V2));
    }

    @Test
    void checksumModesDoNotAcceptEachOther() {
        VrrpPacket p = VrrpPacket.v3(51, 100, 100, List.of(Addr.of("192.168.1.10")));
        assertEquals(DropReason.BAD_CHECKSUM, dropReason(VrrpCodec.decode(
                VrrpCodec.encode(p, V4, ChecksumMode.AS_V2), V4, ChecksumMode.PSEUDO_HEADER)));
        assertEquals(DropReason.BAD_CHECKSUM, dropReason(VrrpCodec.decode(
                VrrpCodec.encode(p, V4, ChecksumMode.PSEUDO_HEADER), V4, ChecksumMode.AS_V2)));
    }

    @Test
    void v3Ipv4PseudoHeaderCoversTheAddresses() {
        // A packet from another source (or to a unicast peer) has another pseudo-header.
        VrrpPacket p = VrrpPacket.v3(51, 100, 100, List.of(Addr.of("192.168.1.10")));
        byte[] wire = VrrpCodec.encode(p, V4, ChecksumMode.PSEUDO_HEADER);
        Endpoints other = Endpoints.multicast(Addr.of("192.168.1.2"));
        assertEquals(DropReason.BAD_CHECKSUM, dropReason(VrrpCodec.decode(wire, other, ChecksumMode.PSEUDO_HEADER)));
        Endpoints unicast = new Endpoints(SRC4, Addr.of("192.168.1.2"));
        byte[] toPeer = VrrpCodec.encode(p, unicast, ChecksumMode.PSEUDO_HEADER);
        assertEquals(new DecodeResult.Decoded(p), VrrpCodec.decode(toPeer, unicast, ChecksumMode.PSEUDO_HEADER));
    }

    @Test
    void v3Ipv6ByteExactWithPseudoHeaderInEveryMode() {
        // 31 | VRID 1 | prio 200 | 2 addrs | 0032 (50 cs) | cksum | fe80::100 | 2001:db8::100 ; 40 bytes
        VrrpPacket p = VrrpPacket.v3(1, 200, 50, List.of(Addr.of("fe80::100"), Addr.of("2001:db8::100")));
        String body = "fe800000000000000000000000000100" + "20010db8000000000000000000000100";
        for (ChecksumMode mode : ChecksumMode.values()) {
            byte[] wire = VrrpCodec.encode(p, V6, mode);
            assertArrayEquals(HEX.parseHex("3101c802" + "0032" + "da60" + body), wire, mode.name());
            assertEquals(new DecodeResult.Decoded(p), VrrpCodec.decode(wire, V6, mode));
        }
        int expected = referenceChecksum(
                HEX.parseHex("fe800000000000000000000000000001" + "ff020000000000000000000000000012" + "00000028" + "00000070"),
                HEX.parseHex("3101c80200320000" + body));
        assertEquals(0xda60, expected);
    }

    @Test
    void v3IntervalUsesTwelveBitsAndIgnoresReservedBitsOnReceive() {
        VrrpPacket p = VrrpPacket.v3(9, 100, 4095, List.of(Addr.of("10.1.1.1")));
        byte[] wire = VrrpCodec.encode(p, V4, ChecksumMode.AS_V2);
        assertEquals(0x0f, wire[4]);
        assertEquals((byte) 0xff, wire[5]);
        wire[4] = (byte) 0xff; // reserved bits set by a sloppy sender
        refreshChecksum(wire, V4, 3, ChecksumMode.AS_V2);
        DecodeResult r = VrrpCodec.decode(wire, V4, ChecksumMode.AS_V2);
        assertEquals(4095, assertInstanceOf(DecodeResult.Decoded.class, r).packet().advertIntervalCs());
        assertThrows(IllegalArgumentException.class, () -> VrrpPacket.v3(9, 100, 4096, List.of()));
    }

    @Test
    void headerChecksFailWithTheirOwnReason() {
        byte[] good = VrrpCodec.encode(VrrpPacket.v2(51, 100, 1, 0, null, List.of(Addr.of("192.168.1.10"))), V4);
        assertEquals(DropReason.BAD_VERSION, dropReason(mutated(good, 0, 0x11, 2)));
        assertEquals(DropReason.BAD_VERSION, dropReason(mutated(good, 0, 0x41, 2)));
        assertEquals(DropReason.BAD_TYPE, dropReason(mutated(good, 0, 0x22, 2)));
        assertEquals(DropReason.BAD_LENGTH, dropReason(mutated(good, 3, 2, 2))); // count says 2, 1 present
        assertEquals(DropReason.BAD_INTERVAL, dropReason(mutated(good, 5, 0, 2)));
        byte[] v3 = VrrpCodec.encode(VrrpPacket.v3(51, 100, 100, List.of()), V4);
        byte[] zeroInterval = v3.clone();
        zeroInterval[5] = 0;
        refreshChecksum(zeroInterval, V4, 3, ChecksumMode.DEFAULT);
        assertEquals(DropReason.BAD_INTERVAL, dropReason(VrrpCodec.decode(zeroInterval, V4, ChecksumMode.DEFAULT)));
        byte[] corrupt = good.clone();
        corrupt[9] ^= 0x01;
        assertEquals(DropReason.BAD_CHECKSUM, dropReason(VrrpCodec.decode(corrupt, V4, ChecksumMode.DEFAULT)));
        // v2 is IPv4 only even when the bytes are otherwise fine.
        assertEquals(DropReason.BAD_VERSION, dropReason(VrrpCodec.decode(good, V6, ChecksumMode.DEFAULT)));
    }

    @Test
    void everyTruncationAndAnyTrailingByteIsBadLength() {
        byte[] good = VrrpCodec.encode(VrrpPacket.v3(1, 200, 50, List.of(Addr.of("fe80::100"))), V6);
        for (int len = 0; len < good.length; len++) {
            assertEquals(DropReason.BAD_LENGTH, dropReason(VrrpCodec.decode(good, 0, len, V6, ChecksumMode.DEFAULT)),
                    "length " + len);
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertEquals(DropReason.BAD_LENGTH, dropReason(VrrpCodec.decode(longer, V6, ChecksumMode.DEFAULT)));
        assertEquals(DropReason.BAD_LENGTH, dropReason(VrrpCodec.decode(good, 30, 20, V6, ChecksumMode.DEFAULT)));
        assertEquals(DropReason.BAD_LENGTH, dropReason(VrrpCodec.decode(good, -1, 5, V6, ChecksumMode.DEFAULT)));
        assertEquals(DropReason.BAD_LENGTH, dropReason(VrrpCodec.decode(null, 0, 0, V6, ChecksumMode.DEFAULT)));
    }

    @Test
    void singleBitFlipsAreNeverAccepted() {
        byte[] good = VrrpCodec.encode(VrrpPacket.v3(51, 100, 100, List.of(Addr.of("192.168.1.10"))), V4);
        for (int bit = 0; bit < good.length * 8; bit++) {
            byte[] flipped = good.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            DecodeResult r = VrrpCodec.decode(flipped, V4, ChecksumMode.DEFAULT);
            assertInstanceOf(DecodeResult.Dropped.class, r, "bit " + bit);
        }
    }

    @Test
    void randomGarbageOnlyEverYieldsAResult() {
        Random random = new Random(4242);
        int[] reasons = new int[DropReason.values().length];
        for (int i = 0; i < 200_000; i++) {
            Endpoints e = random.nextBoolean() ? V4 : V6;
            byte[] junk;
            if (random.nextBoolean()) {
                junk = new byte[random.nextInt(64)];
                random.nextBytes(junk);
            } else {
                // Well-formed header and length, random content: exercises the checksum and later checks.
                int version = e.ipv4() && random.nextBoolean() ? 2 : 3;
                int count = random.nextInt(4);
                junk = new byte[8 + count * e.addressLength() + (version == 2 ? 8 : 0)];
                random.nextBytes(junk);
                junk[0] = (byte) (version << 4 | 1);
                junk[3] = (byte) count;
            }
            for (ChecksumMode mode : ChecksumMode.values()) {
                DecodeResult r = VrrpCodec.decode(junk, e, mode);
                if (r instanceof DecodeResult.Dropped d) {
                    reasons[d.reason().ordinal()]++;
                } else {
                    // The rare random input that checks out must survive a round trip.
                    VrrpPacket p = ((DecodeResult.Decoded) r).packet();
                    assertEquals(r, VrrpCodec.decode(VrrpCodec.encode(p, e, mode), e, mode));
                }
            }
        }
        assertTrue(reasons[DropReason.BAD_CHECKSUM.ordinal()] > 100_000, "the checksum path was exercised");
        assertTrue(reasons[DropReason.BAD_LENGTH.ordinal()] > 10_000, "the length path was exercised");
    }

    @Test
    void roundTripsAcrossVersionsFamiliesAndModes() {
        List<VrrpPacket> v4packets = List.of(
                VrrpPacket.v2(1, 1, 255, 0, null, List.of()),
                VrrpPacket.v2(255, 255, 1, 1, "abcdefgh".getBytes(), List.of(Addr.of("1.2.3.4"), Addr.of("255.255.255.255"))),
                VrrpPacket.v3(200, 0, 1, List.of(Addr.of("10.0.0.1"))),
                VrrpPacket.v3(1, 254, 4095, List.of(Addr.of("10.0.0.1"), Addr.of("10.0.0.2"), Addr.of("10.0.0.3"))));
        for (VrrpPacket p : v4packets) {
            for (ChecksumMode mode : ChecksumMode.values()) {
                assertEquals(new DecodeResult.Decoded(p), VrrpCodec.decode(VrrpCodec.encode(p, V4, mode), V4, mode));
            }
        }
        VrrpPacket v6 = VrrpPacket.v3(3, 100, 300, List.of(Addr.of("fe80::1:2"), Addr.of("ffff::ffff")));
        assertEquals(new DecodeResult.Decoded(v6), VrrpCodec.decode(VrrpCodec.encode(v6, V6), V6, ChecksumMode.DEFAULT));
    }

    @Test
    void defaultModeIsKeepalivedsPseudoHeader() {
        assertEquals(ChecksumMode.PSEUDO_HEADER, ChecksumMode.DEFAULT);
    }

    private static DecodeResult mutated(byte[] good, int index, int value, int version) {
        byte[] b = good.clone();
        b[index] = (byte) value;
        refreshChecksum(b, V4, version, ChecksumMode.DEFAULT);
        return VrrpCodec.decode(b, V4, ChecksumMode.DEFAULT);
    }

    /** Recomputes the checksum after a mutation, so the check under test is the one that fails. */
    private static void refreshChecksum(byte[] b, Endpoints e, int version, ChecksumMode mode) {
        b[6] = 0;
        b[7] = 0;
        int sum = VrrpCodec.checksum(b, 0, b.length, version, e, mode);
        b[6] = (byte) (sum >>> 8);
        b[7] = (byte) sum;
    }

    private static DropReason dropReason(DecodeResult r) {
        return assertInstanceOf(DecodeResult.Dropped.class, r).reason();
    }
}
