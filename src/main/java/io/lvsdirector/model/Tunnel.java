package io.lvsdirector.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Encapsulation of a TUN real server. GUE needs a port; GUE and GRE may carry a checksum. */
@Schema(description = "Encapsulation of a TUN real server; gue needs a port.", example = "{\"type\":\"gue\",\"port\":6080,\"checksum\":\"NONE\"}")
public record Tunnel(
        @NotNull TunnelType type,
        @Min(1) @Max(65535) Integer port,
        Checksum checksum) {

    public Tunnel {
        checksum = checksum == null ? Checksum.NONE : checksum;
    }

    /** IP_VS_TUNNEL_ENCAP_FLAG_*: no checksum, checksum, remote checksum offload. */
    public enum Checksum {
        NONE, CHECKSUM, REMOTE_CHECKSUM
    }
}
