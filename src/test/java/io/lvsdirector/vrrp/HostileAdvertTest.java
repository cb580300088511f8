package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The receive path under hostile input, as the worker drives it: mutated, truncated, extended and random
 * datagrams with random TTLs go through {@link AdvertReceiver} and, when accepted, into a running state
 * machine. Nothing may throw, and every datagram is either accepted or counted as a drop. Seeded, so a
 * failure reproduces.
 */
class HostileAdvertTest {

    private static final int ROUNDS = 20_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 4242})
    void noDatagramBreaksTheReceivePath(long seed) {
        Random random = new Random(seed);
        List<Case> cases = List.of(
                new Case(VrrpConfig.builder("v2", 2, 51, Addr.of("192.0.2.1")).vips(List.of(Addr.of("192.0.2.100")))
                        .auth(VrrpPacket.AUTH_SIMPLE_TEXT, new byte[] {'p', 'w', 0, 0, 0, 0, 0, 0}).build(),
                        Addr.of("192.0.2.2")),
                new Case(VrrpConfig.builder("v3", 3, 51, Addr.of("192.0.2.1")).vips(List.of(Addr.of("192.0.2.100")))
                        .advertIntervalCs(10).build(), Addr.of("192.0.2.2")),
                new Case(VrrpConfig.builder("v6", 3, 51, Addr.of("fe80::1")).vips(List.of(Addr.of("2001:db8::100")))
                        .checksumMode(ChecksumMode.AS_V2).build(), Addr.of("fe80::2")));
        for (Case c : cases) {
            VirtualClock clock = new VirtualClock();
            VrrpCounters counters = new VrrpCounters();
            VrrpStateMachine machine = new VrrpStateMachine(c.config, clock, counters);
            machine.start();
            Endpoints endpoints = Endpoints.multicast(c.peer);
            byte[] valid = VrrpCodec.encode(c.config.advert(100), endpoints, c.config.checksumMode());
            long accepted = 0;
            for (int i = 0; i < ROUNDS; i++) {
                byte[] data = hostile(random, valid);
                int offset = data.length == 0 ? 0 : random.nextInt(Math.min(data.length, 4) + 1) % (data.length + 1);
                int length = data.length - offset;
                int ttl = random.nextInt(10) == 0 ? random.nextInt(256) : 255;
                AdvertReceiver.Outcome outcome = AdvertReceiver.receive(data, offset, length, ttl, endpoints, c.config,
                        counters);
                if (outcome instanceof AdvertReceiver.Accepted a) {
                    accepted++;
                    machine.onAdvert(a.advert());
                }
                clock.advance(java.time.Duration.ofNanos(random.nextInt(50_000_000)));
                machine.onTimersDue();
            }
            VrrpCounters.Snapshot s = counters.snapshot();
            long dropped = s.drops().entrySet().stream().filter(e -> e.getKey().drops() && e.getKey() != DropReason.OWN_ADVERT)
                    .mapToLong(java.util.Map.Entry::getValue).sum();
            assertEquals(ROUNDS, accepted + dropped, c.config.name() + ": every datagram accepted or counted " + s);
            assertTrue(accepted > 0 && dropped > 0, c.config.name() + ": the mutations reach both outcomes " + s);
        }
    }

    private record Case(VrrpConfig config, InetAddress peer) {
    }

    /** A valid advert mutated in one of several ways, or plain random bytes. */
    private static byte[] hostile(Random random, byte[] valid) {
        switch (random.nextInt(6)) {
            case 0 -> {
                return valid.clone(); // some pass, so the machine gets fed too
            }
            case 1 -> {
                byte[] b = valid.clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            }
            case 2 -> {
                return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            }
            case 3 -> {
                byte[] b = java.util.Arrays.copyOf(valid, valid.length + 1 + random.nextInt(64));
                b[3] = (byte) random.nextInt(256); // address count disagreeing with the length
                return b;
            }
            case 4 -> {
                byte[] b = valid.clone();
                b[random.nextInt(8)] = (byte) random.nextInt(256); // header fields, checksum left stale
                return b;
            }
            default -> {
                byte[] b = new byte[random.nextInt(128)];
                random.nextBytes(b);
                return b;
            }
        }
    }
}
