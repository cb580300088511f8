package io.lvsdirector.ipvs;

/**
 * Traffic counters of a service or destination: totals since creation (or the last zero) and
 * rates over the kernel's estimator window (per second; bytes as bytes, not bits).
 */
public record IpvsStats(long connections, long packetsIn, long packetsOut, long bytesIn, long bytesOut,
        long connectionsPerSecond, long packetsInPerSecond, long packetsOutPerSecond, long bytesInPerSecond,
        long bytesOutPerSecond) {

    public static final IpvsStats ZERO = new IpvsStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
