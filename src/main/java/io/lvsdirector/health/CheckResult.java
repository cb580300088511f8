package io.lvsdirector.health;

/**
 * The outcome of one probe. {@code error} says why it failed (null on success); {@code dynamicWeight}
 * is set only by an exec check with dynamic weight.
 */
public record CheckResult(boolean success, long latencyNanos, String error, Integer dynamicWeight) {

    public static CheckResult up(long latencyNanos) {
        return new CheckResult(true, latencyNanos, null, null);
    }

    public static CheckResult down(long latencyNanos, String error) {
        return new CheckResult(false, latencyNanos, error, null);
    }

    public double latencyMs() {
        return latencyNanos / 1_000_000.0;
    }
}
