package io.lvsdirector.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A real server behind a virtual service. Names are unique within their virtual service.
 * {@code enabled=false} drains it: weight 0 in the kernel whatever {@code weight} says.
 * A null {@code forwarding} means the virtual service's default.
 */
@Schema(description = "A real server of a virtual service. port absent means the service's port; DR and TUN "
        + "cannot change it (only NAT rewrites ports). forwarding absent means the service's. enabled=false drains it "
        + "(weight 0). A tunnel (ipip, gue with port, gre) goes only with TUN forwarding. Defaults: weight 1, "
        + "thresholds 0 (none), enabled true.",
        example = "{\"name\":\"web-1\",\"address\":\"10.0.0.11\",\"port\":8080,\"weight\":100,\"forwarding\":\"NAT\","
                + "\"upperThreshold\":0,\"lowerThreshold\":0,\"tunnel\":null,\"enabled\":true}")
// "health" is live status the API shows next to the configuration; a body read back and sent again
// may carry it, so it is accepted and ignored rather than refused as an unknown field.
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "health", allowGetters = true)
public record RealServer(
        @NotNull @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
        @Schema(description = "The virtual service; may be left out in requests below /virtual-services/{name}")
        @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String virtualService,
        @NotNull String address,
        @Schema(description = "Destination port; absent = the service's port") @Min(0) @Max(65535) Integer port,
        @Min(0) @Max(65535) Integer weight,
        @Schema(description = "NAT, DR or TUN; absent = the service's default") ForwardingMethod forwarding,
        @Min(0) @Max(4294967295L) Long upperThreshold,
        @Min(0) @Max(4294967295L) Long lowerThreshold,
        @Valid Tunnel tunnel,
        Boolean enabled,
        @Schema(description = "Overrides the virtual service's health check for this real server (as a whole)")
        @Valid HealthCheck healthCheck) {

    /** A real server that follows its virtual service's health check. */
    public RealServer(String name, String virtualService, String address, Integer port, Integer weight,
            ForwardingMethod forwarding, Long upperThreshold, Long lowerThreshold, Tunnel tunnel, Boolean enabled) {
        this(name, virtualService, address, port, weight, forwarding, upperThreshold, lowerThreshold, tunnel, enabled,
                null);
    }

    public RealServer {
        weight = weight == null ? 1 : weight;
        upperThreshold = upperThreshold == null ? 0L : upperThreshold;
        lowerThreshold = lowerThreshold == null ? 0L : lowerThreshold;
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }

    /** The same server attached to another virtual service (the path decides, not the body). */
    public RealServer withVirtualService(String service) {
        return new RealServer(name, service, address, port, weight, forwarding, upperThreshold, lowerThreshold,
                tunnel, enabled, healthCheck);
    }

    /** The same server at another weight and enabled: what health checking programs into the kernel. */
    public RealServer withKernelWeight(int kernelWeight) {
        return new RealServer(name, virtualService, address, port, kernelWeight, forwarding, upperThreshold,
                lowerThreshold, tunnel, true, healthCheck);
    }

    /** The forwarding method in effect, given the service's default. */
    public ForwardingMethod effectiveForwarding(VirtualService service) {
        return forwarding != null ? forwarding : service.forwarding();
    }

    /** The weight the kernel should carry when the server is healthy: 0 while drained. */
    public int effectiveWeight() {
        return enabled ? weight : 0;
    }
}
