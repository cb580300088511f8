package io.lvsdirector.health;

import io.lvsdirector.model.DnsCheckSpec;
import io.lvsdirector.model.DnsQueryType;
import io.lvsdirector.model.DnsRcode;
import io.vertx.core.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A DNS query over UDP. Up when the reply (same ID, QR set) has the expected rcode and, when that is
 * NOERROR, at least one answer of the asked type (any type for ANY).
 */
final class DnsChecker implements Checker {

    private final UdpExchange exchange;

    DnsChecker(UdpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        DnsCheckSpec spec = target.check().dns();
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        byte[] query;
        try {
            query = DnsMessage.query(id, spec.name(), spec.queryType().code());
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture(CheckResult.down(0, e.getMessage()));
        }
        return exchange.exchange(target, query, reply -> judge(reply, id, spec));
    }

    static String judge(byte[] bytes, int id, DnsCheckSpec spec) {
        DnsMessage.Reply reply;
        try {
            reply = DnsMessage.parse(bytes);
        } catch (IllegalArgumentException e) {
            return "malformed DNS reply: " + e.getMessage();
        }
        if (reply.id() != id || !reply.response()) {
            return "DNS reply does not answer our query (id " + reply.id() + ", expected " + id + ")";
        }
        if (reply.rcode() != spec.expectRcode().code()) {
            return "DNS rcode " + DnsRcode.nameOf(reply.rcode()) + ", expected " + spec.expectRcode();
        }
        if (spec.expectRcode() == DnsRcode.NOERROR) {
            boolean answered = spec.queryType() == DnsQueryType.ANY ? !reply.answerTypes().isEmpty()
                    : reply.answerTypes().contains(spec.queryType().code());
            if (!answered) {
                return "no " + spec.queryType() + " answer for " + spec.name()
                        + (reply.truncated() ? " (reply truncated)" : "");
            }
        }
        return null;
    }
}
