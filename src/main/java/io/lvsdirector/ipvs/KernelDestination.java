package io.lvsdirector.ipvs;

/**
 * A destination (real server) as the kernel holds it. {@code forwarding} is one of the
 * IP_VS_CONN_F_* forwarding values; the tunnel fields only mean something for TUNNEL.
 */
public record KernelDestination(DestinationKey key, int forwarding, int weight, long upperThreshold,
        long lowerThreshold, int tunnelType, int tunnelPort, int tunnelFlags) {

    /** Same settings, comparing tunnel parameters only where they apply. */
    public boolean sameSettings(KernelDestination o) {
        boolean same = forwarding == o.forwarding && weight == o.weight
                && upperThreshold == o.upperThreshold && lowerThreshold == o.lowerThreshold;
        if (same && forwarding == IpvsConstants.CONN_F_TUNNEL) {
            same = tunnelType == o.tunnelType && tunnelPort == o.tunnelPort && tunnelFlags == o.tunnelFlags;
        }
        return same;
    }
}
