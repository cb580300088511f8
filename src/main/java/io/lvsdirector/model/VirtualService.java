package io.lvsdirector.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * An IPVS virtual service: either {@code vip} + {@code protocol} + {@code port}, or
 * {@code fwmark} + {@code addressFamily}. Which of the two is checked in {@link StateValidator}.
 */
@Schema(description = "An IPVS virtual service: either vip + protocol + port, or fwmark + addressFamily. "
        + "Defaults: scheduler wlc, forwarding NAT, onePacket false. Scheduler flags must belong to the scheduler "
        + "(sh-* to sh, mh-* to mh); persistence takes a netmask for IPv4 or a prefixLength for IPv6.",
        example = "{\"name\":\"web-http\",\"vip\":\"web-vip\",\"protocol\":\"TCP\",\"port\":80,\"scheduler\":\"wrr\","
                + "\"schedulerFlags\":[],\"persistence\":null,\"onePacket\":false,\"forwarding\":\"NAT\"}")
public record VirtualService(
        @NotNull @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String name,
        @Pattern(regexp = Names.DNS_LABEL, message = Names.DNS_LABEL_MESSAGE) String vip,
        Protocol protocol,
        @Min(1) @Max(65535) Integer port,
        @Min(1) @Max(4294967295L) Long fwmark,
        AddressFamily addressFamily,
        Scheduler scheduler,
        List<@NotNull SchedulerFlag> schedulerFlags,
        @Valid Persistence persistence,
        Boolean onePacket,
        ForwardingMethod forwarding,
        @Schema(description = "The health check of its real servers (a real server may override it); none when null")
        @Valid HealthCheck healthCheck,
        @Schema(description = "What a failed real server gets: WEIGHT_ZERO (default) keeps it in the kernel at weight 0, "
                + "REMOVE takes it out") OnFailure onFailure,
        @Schema(description = "Fewer real servers up than quorum.minUp puts the sorry server in") @Valid Quorum quorum,
        @Schema(description = "Served while the quorum is lost") @Valid SorryServer sorryServer) {

    /** A virtual service without health checking. */
    public VirtualService(String name, String vip, Protocol protocol, Integer port, Long fwmark,
            AddressFamily addressFamily, Scheduler scheduler, List<SchedulerFlag> schedulerFlags,
            Persistence persistence, Boolean onePacket, ForwardingMethod forwarding) {
        this(name, vip, protocol, port, fwmark, addressFamily, scheduler, schedulerFlags, persistence, onePacket,
                forwarding, null, null, null, null);
    }

    public VirtualService {
        scheduler = scheduler == null ? Scheduler.wlc : scheduler;
        schedulerFlags = schedulerFlags == null ? List.of() : List.copyOf(schedulerFlags);
        onePacket = onePacket == null ? Boolean.FALSE : onePacket;
        forwarding = forwarding == null ? ForwardingMethod.NAT : forwarding;
    }

    /** True for a firewall-mark service. Not a JSON property: {@code fwmark} itself says it. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isFwmark() {
        return fwmark != null;
    }
}
