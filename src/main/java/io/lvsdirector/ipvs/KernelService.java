package io.lvsdirector.ipvs;

/**
 * A virtual service as the kernel holds it. {@code flags} are IP_VS_SVC_F_*; {@code netmask} is
 * the persistence mask (an IPv4 mask as a 32-bit value, or an IPv6 prefix length).
 * {@code persistenceEngine} is null unless one is used (e.g. "sip").
 */
public record KernelService(ServiceKey key, String scheduler, int flags, int timeoutSeconds, int netmask,
        String persistenceEngine) {

    /** Same user-visible settings (ignores flags the kernel sets by itself). */
    public boolean sameSettings(KernelService o) {
        return scheduler.equals(o.scheduler)
                && (flags & IpvsConstants.SVC_F_USER_MASK) == (o.flags & IpvsConstants.SVC_F_USER_MASK)
                && timeoutSeconds == o.timeoutSeconds
                && netmask == o.netmask
                && java.util.Objects.equals(emptyToNull(persistenceEngine), emptyToNull(o.persistenceEngine));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
