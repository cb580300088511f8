package io.lvsdirector.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How a real server is checked: on a virtual service as the default, on a real server as an override
 * (which replaces the default as a whole). Only the sub-object of {@code type} is used; HTTP(S) and UDP
 * have defaults, DNS and EXEC need theirs. {@code port} overrides the real server's port,
 * {@code sourceAddress} binds the probe's local address.
 */
public record HealthCheck(
        @NotNull CheckType type,
        @Min(10) @Max(3_600_000) Integer intervalMs,
        @Min(1) @Max(3_600_000) Integer timeoutMs,
        @Min(1) @Max(1000) Integer rise,
        @Min(1) @Max(1000) Integer fall,
        HealthState initialState,
        String sourceAddress,
        @Min(1) @Max(65535) Integer port,
        @Valid HttpCheckSpec http,
        @Valid UdpCheckSpec udp,
        @Valid DnsCheckSpec dns,
        @Valid ExecCheckSpec exec) {

    public HealthCheck {
        intervalMs = intervalMs == null ? 1000 : intervalMs;
        timeoutMs = timeoutMs == null ? 500 : timeoutMs;
        rise = rise == null ? 2 : rise;
        fall = fall == null ? 2 : fall;
        initialState = initialState == null ? HealthState.UP : initialState;
        if ((type == CheckType.HTTP || type == CheckType.HTTPS) && http == null) {
            http = HttpCheckSpec.DEFAULT;
        }
        if (type == CheckType.UDP && udp == null) {
            udp = UdpCheckSpec.DEFAULT;
        }
    }

    /** A TCP connect check with defaults. */
    public static HealthCheck tcp() {
        return new HealthCheck(CheckType.TCP, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A check that never probes: the server counts as up. */
    public static HealthCheck none() {
        return new HealthCheck(CheckType.NONE, null, null, null, null, null, null, null, null, null, null, null);
    }

    @JsonIgnore
    @AssertTrue(message = "the sub-object for the check type is required (dns.name, exec.command)")
    public boolean isSpecPresentForType() {
        return switch (type == null ? CheckType.NONE : type) {
            case DNS -> dns != null;
            case EXEC -> exec != null;
            default -> true;
        };
    }

    @JsonIgnore
    @AssertTrue(message = "initialState must be UP or DOWN")
    public boolean isInitialStateDecided() {
        return initialState != HealthState.UNKNOWN;
    }

    /** The same check with another timing, for tests and tuning. */
    public HealthCheck withTiming(int newIntervalMs, int newTimeoutMs, int newRise, int newFall) {
        return new HealthCheck(type, newIntervalMs, newTimeoutMs, newRise, newFall, initialState, sourceAddress, port,
                http, udp, dns, exec);
    }

    public HealthCheck withInitialState(HealthState state) {
        return new HealthCheck(type, intervalMs, timeoutMs, rise, fall, state, sourceAddress, port, http, udp, dns,
                exec);
    }

    public HealthCheck withSourceAddress(String address) {
        return new HealthCheck(type, intervalMs, timeoutMs, rise, fall, initialState, address, port, http, udp, dns,
                exec);
    }
}
