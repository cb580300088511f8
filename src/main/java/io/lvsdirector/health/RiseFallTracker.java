package io.lvsdirector.health;

import io.lvsdirector.model.HealthState;
import java.util.Optional;

/**
 * Turns a stream of check outcomes into UP/DOWN with rise/fall debouncing: {@code rise} consecutive
 * successes bring a DOWN server up, {@code fall} consecutive failures take an UP server down. Each
 * change of state is reported exactly once, by the outcome that causes it. Not thread-safe.
 */
public final class RiseFallTracker {

    private final int rise;
    private final int fall;
    private HealthState state;
    private int consecutiveSuccesses;
    private int consecutiveFailures;

    public RiseFallTracker(int rise, int fall, HealthState initialState) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1");
        }
        if (initialState == HealthState.UNKNOWN) {
            throw new IllegalArgumentException("initial state must be UP or DOWN");
        }
        this.rise = rise;
        this.fall = fall;
        this.state = initialState;
    }

    /** Records one outcome; returns the new state if (and only if) it changed. */
    public Optional<HealthState> record(boolean success) {
        if (success) {
            consecutiveSuccesses = saturatedIncrement(consecutiveSuccesses);
            consecutiveFailures = 0;
            if (state == HealthState.DOWN && consecutiveSuccesses >= rise) {
                state = HealthState.UP;
                return Optional.of(state);
            }
        } else {
            consecutiveFailures = saturatedIncrement(consecutiveFailures);
            consecutiveSuccesses = 0;
            if (state == HealthState.UP && consecutiveFailures >= fall) {
                state = HealthState.DOWN;
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    public HealthState state() {
        return state;
    }

    public int consecutiveSuccesses() {
        return consecutiveSuccesses;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    private static int saturatedIncrement(int n) {
        return n == Integer.MAX_VALUE ? n : n + 1;
    }
}
