package io.lvsdirector.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Client persistence ("sticky" connections): connections from one client (masked by
 * {@code netmask} for IPv4 or {@code prefixLength} for IPv6) go to the same real server for
 * {@code timeoutSeconds}.
 */
@Schema(description = "Client persistence: a client's connections (masked by netmask for IPv4, prefixLength for "
        + "IPv6) go to the same real server for timeoutSeconds.", example = "{\"timeoutSeconds\":300,\"netmask\":\"255.255.255.0\"}")
public record Persistence(
        @NotNull @Min(1) @Max(2678400) Integer timeoutSeconds,
        String netmask,
        @Min(1) @Max(128) Integer prefixLength) {
}
