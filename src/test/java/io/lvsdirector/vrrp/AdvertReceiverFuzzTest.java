package io.lvsdirector.vrrp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.List;

/**
 * Coverage-guided fuzzing of the receive path as the worker drives it: any bytes, any TTL, through
 * {@link AdvertReceiver} and, if accepted, into a running {@link VrrpStateMachine}. Any exception is a finding.
 * A normal build replays the corpus (src/test/resources/.../AdvertReceiverFuzzTestInputs); {@code JAZZER_FUZZ=1}
 * fuzzes for the time given.
 */
class AdvertReceiverFuzzTest {

    private static final List<VrrpConfig> CONFIGS = List.of(
            VrrpConfig.builder("v2", 2, 51, Addr.of("192.0.2.1")).vips(List.of(Addr.of("192.0.2.100")))
                    .auth(VrrpPacket.AUTH_SIMPLE_TEXT, new byte[] {'p', 'w', 0, 0, 0, 0, 0, 0}).build(),
            VrrpConfig.builder("v3", 3, 51, Addr.of("192.0.2.1")).vips(List.of(Addr.of("192.0.2.100"))).build(),
            VrrpConfig.builder("v6", 3, 51, Addr.of("fe80::1")).vips(List.of(Addr.of("2001:db8::100"))).build());
    private static final List<Endpoints> PEERS = List.of(Endpoints.multicast(Addr.of("192.0.2.2")),
            Endpoints.multicast(Addr.of("192.0.2.2")), Endpoints.multicast(Addr.of("fe80::2")));

    @FuzzTest(maxDuration = "60s")
    void receivePathNeverThrows(FuzzedDataProvider data) {
        int which = data.consumeInt(0, CONFIGS.size() - 1);
        VrrpConfig config = CONFIGS.get(which);
        VirtualClock clock = new VirtualClock();
        VrrpCounters counters = new VrrpCounters();
        VrrpStateMachine machine = new VrrpStateMachine(config, clock, counters);
        machine.start();
        int packets = data.consumeInt(1, 8);
        for (int i = 0; i < packets && data.remainingBytes() > 0; i++) {
            int ttl = data.consumeBoolean() ? 255 : data.consumeInt(-1, 255);
            byte[] bytes = data.consumeBytes(data.consumeInt(0, 128));
            int offset = data.consumeInt(0, 3);
            int length = data.consumeInt(-1, bytes.length + 2);
            AdvertReceiver.Outcome outcome = AdvertReceiver.receive(bytes, offset, length, ttl, PEERS.get(which),
                    config, counters);
            if (outcome instanceof AdvertReceiver.Accepted a) {
                machine.onAdvert(a.advert());
            }
            clock.advance(Duration.ofMillis(data.consumeInt(0, 5000)));
            machine.onTimersDue();
        }
    }
}
