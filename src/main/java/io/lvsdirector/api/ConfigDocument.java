package io.lvsdirector.api;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VirtualService;
import io.lvsdirector.model.VrrpInstance;
import io.lvsdirector.store.StoredState;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole desired state as one document: what GET /config exports and PUT /config imports. */
@Schema(name = "Config", description = "The whole desired state. Real servers name their virtual service.")
public record ConfigDocument(
        @Schema(description = "The revision of an exported document. Ignored on PUT: use If-Match to guard a replace.",
                readOnly = true) Long revision,
        List<@NotNull @Valid VrrpInstance> vrrpInstances,
        List<@NotNull @Valid Vip> vips,
        List<@NotNull @Valid VirtualService> virtualServices,
        List<@NotNull @Valid RealServer> realServers) {

    static ConfigDocument of(StoredState s) {
        DesiredState d = s.state();
        return new ConfigDocument(s.revision(), d.vrrpInstances(), d.vips(), d.virtualServices(), d.realServers());
    }

    DesiredState toState() {
        return new DesiredState(vrrpInstances, vips, virtualServices, realServers);
    }
}
