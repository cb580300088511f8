package io.lvsdirector.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A virtual IP address. With a {@code vrrpInstance} it is configured only while that instance is
 * MASTER; without one it is always configured (on {@code interface}, if given).
 */
@Schema(description = "A virtual IP address the director holds: always, or only while its VRRP instance is MASTER.",
        example = "{\"name\":\"web-vip\",\"address\":\"192.0.2.10\",\"prefixLength\":32,\"interface\":\"eth0\",\"vrrpInstance\":\"vi-1\"}")
public record Vip(
        @NotNull @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
        @NotNull String address,
        @NotNull @Min(0) @Max(128) Integer prefixLength,
        @JsonProperty("interface") @Size(min = 1, max = 15) String interfaceName,
        @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String vrrpInstance) {
}
