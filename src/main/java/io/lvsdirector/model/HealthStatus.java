package io.lvsdirector.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * What the API shows of a real server's health. {@code lastError} is the error of the most recent
 * failed probe (kept after recovery, so that the cause of a past outage can be read). {@code dynamicWeight} is set only by an exec check
 * with dynamic weight while it is up; it then replaces the configured weight.
 */
public record HealthStatus(
        HealthState state,
        Instant lastCheck,
        Double latencyMs,
        String lastError,
        int consecutiveSuccesses,
        int consecutiveFailures,
        Integer dynamicWeight) {

    public static final HealthStatus UNKNOWN = new HealthStatus(HealthState.UNKNOWN, null, null, null, 0, 0, null);

    public HealthStatus {
        state = state == null ? HealthState.UNKNOWN : state;
    }

    /** UNKNOWN counts as up: without a check, the configuration is all we know (keepalived does the same). */
    @JsonIgnore
    public boolean isUp() {
        return state != HealthState.DOWN;
    }
}
