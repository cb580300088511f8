package io.lvsdirector.ipvs;

import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.VirtualService;
import java.util.List;

/**
 * Chooses what the kernel carries for a virtual service: which real servers, at which weight.
 * Health checking plugs in here (down servers at 0 or left out, a sorry server added), so its
 * effect reaches the kernel through the reconciler's desired table and never around it.
 */
@FunctionalInterface
public interface DestinationSelector {

    /** The real servers to program, each with the weight (via {@link RealServer#effectiveWeight()}) to give it. */
    List<RealServer> select(VirtualService service, List<RealServer> configured);

    /** Every configured real server at its configured weight (0 while drained). */
    DestinationSelector AS_CONFIGURED = (service, configured) -> configured;
}
