package io.lvsdirector.health;

import io.lvsdirector.model.UdpCheckSpec;
import io.vertx.core.Future;
import java.util.HexFormat;

/** Up when the target answers the payload with a datagram that starts with the expected bytes. */
final class UdpChecker implements Checker {

    private final UdpExchange exchange;

    UdpChecker(UdpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        UdpCheckSpec spec = target.check().udp();
        byte[] payload = Payloads.decode(spec.payload(), spec.encoding());
        byte[] expect = Payloads.decode(spec.expect(), spec.encoding());
        return exchange.exchange(target, payload, reply -> expect == null || Payloads.startsWith(reply, expect) ? null
                : "reply " + HexFormat.of().formatHex(reply, 0, Math.min(reply.length, 32))
                        + " does not start with " + HexFormat.of().formatHex(expect));
    }
}
