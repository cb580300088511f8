package io.lvsdirector.vrrp;

/**
 * The RFC timer formulas, in nanoseconds so v2's 1/256 s steps and v3's centiseconds stay exact
 * integers (e.g. v2 priority 100: skew = 156/256 s = 609 375 000 ns).
 */
public final class Timing {

    public static final long NANOS_PER_CS = 10_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Timing() {
    }

    /** Skew_Time: v3 (256-Priority)*Master_Adver_Interval/256; v2 (256-Priority)/256 s. */
    public static long skewNanos(int version, int priority, long masterAdverIntervalNanos) {
        long scale = version == 3 ? masterAdverIntervalNanos : NANOS_PER_SECOND;
        return (256 - priority) * scale / 256;
    }

    /** Master_Down_Interval: 3 * Master_Adver_Interval + Skew_Time. */
    public static long masterDownNanos(int version, int priority, long masterAdverIntervalNanos) {
        return 3 * masterAdverIntervalNanos + skewNanos(version, priority, masterAdverIntervalNanos);
    }
}
