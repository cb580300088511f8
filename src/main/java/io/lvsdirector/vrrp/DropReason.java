package io.lvsdirector.vrrp;

/** Why a received packet was not handed to the state machine; each one has its own counter. */
public enum DropReason {
    /** IPv4 TTL / IPv6 hop limit was not 255: the packet may have been routed in. */
    BAD_TTL,
    /** Version nibble not 2 or 3, v2 over IPv6, or not the instance's configured version. */
    BAD_VERSION,
    /** Type nibble is not 1 (ADVERTISEMENT). */
    BAD_TYPE,
    /** Shorter than the header, or the length does not match the address count. */
    BAD_LENGTH,
    /** The checksum does not verify under the instance's checksum mode. */
    BAD_CHECKSUM,
    /** Advertisement interval of zero (RFC 9568 erratum 8301; nonsense for v2 too). */
    BAD_INTERVAL,
    /** VRID is not the instance's. */
    VRID_MISMATCH,
    /** v2 authentication type or data differs from the instance's. */
    AUTH_MISMATCH,
    /** v2 advertisement interval differs from the instance's (RFC 3768 §7.1 requires a drop). */
    INTERVAL_MISMATCH,
    /** The advertised address list differs from ours: logged and counted, the packet is still used. */
    ADDRESS_LIST_MISMATCH(false),
    /** Our own advertisement looped back to us. */
    OWN_ADVERT;

    private final boolean drops;

    DropReason() {
        this(true);
    }

    DropReason(boolean drops) {
        this.drops = drops;
    }

    /** False for findings the RFCs want logged only. */
    public boolean drops() {
        return drops;
    }
}
