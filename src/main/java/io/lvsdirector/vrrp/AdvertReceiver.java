package io.lvsdirector.vrrp;

/**
 * The receive path up to the state machine: decode, validate against the instance, count. Whatever the
 * bytes, the result is an advert for the machine or a counted {@link DropReason}.
 */
public final class AdvertReceiver {

    public sealed interface Outcome {
    }

    /** Use this advert; {@code addressListMismatch} was counted and should be logged. */
    public record Accepted(VrrpPacket packet, Advert advert, boolean addressListMismatch) implements Outcome {
    }

    public record Dropped(DropReason reason, String detail) implements Outcome {
    }

    private AdvertReceiver() {
    }

    /**
     * @param ttl IPv4 TTL / IPv6 hop limit of the packet, or -1 when not checked (unicast peers)
     */
    public static Outcome receive(byte[] data, int offset, int length, int ttl, Endpoints endpoints,
            VrrpConfig config, VrrpCounters counters) {
        if (ttl >= 0 && ttl != AdvertValidator.REQUIRED_TTL) { // first, as RFC 3768 §7.1 orders the checks
            counters.dropped(DropReason.BAD_TTL);
            return new Dropped(DropReason.BAD_TTL, "ttl " + ttl);
        }
        DecodeResult decoded = VrrpCodec.decode(data, offset, length, endpoints, config.checksumMode());
        if (decoded instanceof DecodeResult.Dropped d) {
            counters.dropped(d.reason());
            return new Dropped(d.reason(), d.detail());
        }
        VrrpPacket packet = ((DecodeResult.Decoded) decoded).packet();
        AdvertValidator.Verdict verdict = AdvertValidator.check(packet, ttl, config);
        if (!verdict.accepted()) {
            counters.dropped(verdict.drop());
            return new Dropped(verdict.drop(), packet.toString());
        }
        if (verdict.addressListMismatch()) {
            counters.dropped(DropReason.ADDRESS_LIST_MISMATCH);
        }
        return new Accepted(packet, Advert.of(packet, endpoints.source()), verdict.addressListMismatch());
    }
}
