package io.lvsdirector.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A VRRP virtual router on one interface. Intervals are in milliseconds for both versions; the
 * cross-field rules (whole seconds for v2, centiseconds for v3, authentication only for v2) live in
 * {@link StateValidator}.
 */
@Schema(description = "A VRRP virtual router. advertIntervalMs is milliseconds: whole seconds (1000-255000) for "
        + "version 2, centiseconds (10-409500, multiples of 10) for version 3. authentication is for version 2 only.",
        example = "{\"name\":\"vi-1\",\"interface\":\"eth0\",\"virtualRouterId\":51,\"priority\":150,\"version\":3,"
                + "\"advertIntervalMs\":1000,\"preempt\":true,\"preemptDelayMs\":0,\"unicastPeers\":[],"
                + "\"authentication\":null,\"syncGroup\":null,\"trackInterfaces\":[]}")
public record VrrpInstance(
        @NotNull @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
        @NotBlank @Size(max = 15, message = "must be a Linux interface name (at most 15 characters)") @com.fasterxml.jackson.annotation.JsonProperty("interface") String interfaceName,
        @NotNull @Min(1) @Max(255) Integer virtualRouterId,
        @NotNull @Min(1) @Max(255) Integer priority,
        @NotNull @Min(2) @Max(3) Integer version,
        @NotNull @Min(10) @Max(409500) Integer advertIntervalMs,
        Boolean preempt,
        @Min(0) @Max(3600000) Integer preemptDelayMs,
        List<@NotBlank String> unicastPeers,
        @Valid VrrpAuthentication authentication,
        @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String syncGroup,
        List<@NotBlank @Size(max = 15) String> trackInterfaces,
        VrrpChecksumMode checksumMode,
        @Min(0) @Max(100) Integer garpRepeat,
        @Min(0) @Max(86400000) Integer garpRefreshIntervalMs,
        @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String notifyWebhook) {

    /** Defaults of the fields added for VRRP I/O: keepalived's checksum, 5 announcements, no refresh. */
    public static final int DEFAULT_GARP_REPEAT = 5;

    public VrrpInstance {
        checksumMode = checksumMode == null ? VrrpChecksumMode.PSEUDO_HEADER : checksumMode;
        garpRepeat = garpRepeat == null ? DEFAULT_GARP_REPEAT : garpRepeat;
        garpRefreshIntervalMs = garpRefreshIntervalMs == null ? 0 : garpRefreshIntervalMs;
        preempt = preempt == null ? Boolean.TRUE : preempt;
        preemptDelayMs = preemptDelayMs == null ? 0 : preemptDelayMs;
        unicastPeers = unicastPeers == null ? List.of() : List.copyOf(unicastPeers);
        trackInterfaces = trackInterfaces == null ? List.of() : List.copyOf(trackInterfaces);
    }

    /** The fields of the first API version; the later ones take their defaults. */
    public VrrpInstance(String name, String interfaceName, Integer virtualRouterId, Integer priority,
            Integer version, Integer advertIntervalMs, Boolean preempt, Integer preemptDelayMs,
            List<String> unicastPeers, VrrpAuthentication authentication, String syncGroup,
            List<String> trackInterfaces) {
        this(name, interfaceName, virtualRouterId, priority, version, advertIntervalMs, preempt, preemptDelayMs,
                unicastPeers, authentication, syncGroup, trackInterfaces, null, null, null, null);
    }
}
