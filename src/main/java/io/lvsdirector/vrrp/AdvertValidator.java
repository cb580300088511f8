package io.lvsdirector.vrrp;

import java.security.MessageDigest;
import java.util.HashSet;

/** The receive checks that depend on the instance (RFC 3768 §7.1, RFC 9568 §7.1). */
public final class AdvertValidator {

    public static final int REQUIRED_TTL = 255;

    /** Outcome: {@code drop} is null when the packet is to be used; a mismatched address list is only noted. */
    public record Verdict(DropReason drop, boolean addressListMismatch) {
        public boolean accepted() {
            return drop == null;
        }
    }

    private AdvertValidator() {
    }

    /**
     * @param ttl IPv4 TTL or IPv6 hop limit as received; a negative value means unknown and is not checked
     *            (unicast peers may be routed, as with keepalived)
     */
    public static Verdict check(VrrpPacket p, int ttl, VrrpConfig config) {
        if (ttl >= 0 && ttl != REQUIRED_TTL) {
            return new Verdict(DropReason.BAD_TTL, false);
        }
        if (p.version() != config.version()) {
            return new Verdict(DropReason.BAD_VERSION, false);
        }
        if (p.vrid() != config.vrid()) {
            return new Verdict(DropReason.VRID_MISMATCH, false);
        }
        if (p.version() == 2) {
            // Constant-time compare: the password must not leak through timing.
            if (p.authType() != config.authType() || !MessageDigest.isEqual(p.authData(), config.authData())) {
                return new Verdict(DropReason.AUTH_MISMATCH, false);
            }
            // v2 has no interval learning; two intervals in one VRID would elect two masters.
            if (p.advertIntervalCs() != config.advertIntervalCs()) {
                return new Verdict(DropReason.INTERVAL_MISMATCH, false);
            }
        }
        boolean mismatch = p.addresses().size() != config.vips().size()
                || !new HashSet<>(p.addresses()).equals(new HashSet<>(config.vips()));
        return new Verdict(null, mismatch);
    }
}
