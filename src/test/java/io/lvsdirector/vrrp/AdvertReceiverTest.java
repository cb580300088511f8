package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdvertReceiverTest {

    static final InetAddress PEER = Addr.of("10.0.0.2");
    static final Endpoints FROM_PEER = Endpoints.multicast(PEER);
    static final List<InetAddress> VIPS = List.of(Addr.of("10.0.0.100"), Addr.of("10.0.0.101"));
    static final byte[] PASSWORD = {'p', 'w', 0, 0, 0, 0, 0, 0};

    final VrrpConfig ours = VrrpConfig.builder("vi", 2, 51, Addr.of("10.0.0.1"))
            .vips(VIPS).auth(VrrpPacket.AUTH_SIMPLE_TEXT, PASSWORD).build();
    final VrrpCounters counters = new VrrpCounters();

    AdvertReceiver.Outcome receive(VrrpPacket p, int ttl) {
        byte[] wire = VrrpCodec.encode(p, FROM_PEER);
        return AdvertReceiver.receive(wire, 0, wire.length, ttl, FROM_PEER, ours, counters);
    }

    VrrpPacket peerAdvert() {
        return VrrpPacket.v2(51, 100, 1, VrrpPacket.AUTH_SIMPLE_TEXT, PASSWORD, VIPS);
    }

    @Test
    void aMatchingAdvertIsAccepted() {
        AdvertReceiver.Accepted a = assertInstanceOf(AdvertReceiver.Accepted.class, receive(peerAdvert(), 255));
        assertEquals(new Advert(PEER, 100, 100), a.advert());
        assertFalse(a.addressListMismatch());
        assertEquals(0, counters.snapshot().drops().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void eachInstanceCheckDropsWithItsReasonAndCountsIt() {
        assertDropped(DropReason.BAD_TTL, receive(peerAdvert(), 254));
        assertDropped(DropReason.VRID_MISMATCH, receive(VrrpPacket.v2(52, 100, 1, 1, PASSWORD, VIPS), 255));
        assertDropped(DropReason.AUTH_MISMATCH, receive(VrrpPacket.v2(51, 100, 1, 0, null, VIPS), 255));
        assertDropped(DropReason.AUTH_MISMATCH,
                receive(VrrpPacket.v2(51, 100, 1, 1, new byte[] {'p', 'x', 0, 0, 0, 0, 0, 0}, VIPS), 255));
        assertDropped(DropReason.INTERVAL_MISMATCH, receive(VrrpPacket.v2(51, 100, 2, 1, PASSWORD, VIPS), 255));
        assertDropped(DropReason.BAD_VERSION, receive(VrrpPacket.v3(51, 100, 100, VIPS), 255));
        for (DropReason r : List.of(DropReason.BAD_TTL, DropReason.VRID_MISMATCH, DropReason.INTERVAL_MISMATCH,
                DropReason.BAD_VERSION)) {
            assertEquals(1, counters.drops(r), r.name());
        }
        assertEquals(2, counters.drops(DropReason.AUTH_MISMATCH));
    }

    @Test
    void unknownTtlIsNotChecked() {
        assertInstanceOf(AdvertReceiver.Accepted.class, receive(peerAdvert(), -1));
    }

    @Test
    void aDifferentAddressListIsCountedButStillUsed() {
        AdvertReceiver.Outcome o = receive(VrrpPacket.v2(51, 100, 1, 1, PASSWORD, List.of(Addr.of("10.0.0.100"))), 255);
        assertTrue(assertInstanceOf(AdvertReceiver.Accepted.class, o).addressListMismatch());
        assertEquals(1, counters.drops(DropReason.ADDRESS_LIST_MISMATCH));
        assertFalse(DropReason.ADDRESS_LIST_MISMATCH.drops());
        // Order does not matter.
        assertFalse(((AdvertReceiver.Accepted) receive(VrrpPacket.v2(51, 100, 1, 1, PASSWORD,
                List.of(VIPS.get(1), VIPS.get(0))), 255)).addressListMismatch());
    }

    @Test
    void v3AcceptsAnotherIntervalBecauseItLearnsIt() {
        VrrpConfig v3 = VrrpConfig.builder("vi6", 3, 51, Addr.of("10.0.0.1")).vips(VIPS).build();
        byte[] wire = VrrpCodec.encode(VrrpPacket.v3(51, 100, 25, VIPS), FROM_PEER);
        AdvertReceiver.Outcome o = AdvertReceiver.receive(wire, 0, wire.length, 255, FROM_PEER, v3, counters);
        assertEquals(25, assertInstanceOf(AdvertReceiver.Accepted.class, o).advert().advertIntervalCs());
    }

    @Test
    void hostileBytesAreAlwaysCountedDropsNeverExceptions() {
        Random random = new Random(7);
        byte[] good = VrrpCodec.encode(peerAdvert(), FROM_PEER);
        long dropped = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] b = good.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            int len = random.nextInt(10) == 0 ? random.nextInt(b.length + 1) : b.length;
            if (AdvertReceiver.receive(b, 0, len, 255, FROM_PEER, ours, counters) instanceof AdvertReceiver.Dropped) {
                dropped++;
            }
        }
        long counted = counters.snapshot().drops().entrySet().stream()
                .filter(e -> e.getKey().drops()).mapToLong(e -> e.getValue()).sum();
        assertEquals(dropped, counted);
        assertTrue(dropped > 45_000, "almost every mutation must be refused: " + dropped);
    }

    private static void assertDropped(DropReason reason, AdvertReceiver.Outcome o) {
        assertEquals(reason, assertInstanceOf(AdvertReceiver.Dropped.class, o).reason());
    }
}
