package io.lvsdirector.api;

import io.lvsdirector.ipvs.IpvsDump;
import io.lvsdirector.ipvs.IpvsService;
import io.lvsdirector.ipvs.IpvsUnavailableException;
import io.lvsdirector.ipvs.Planner;
import io.lvsdirector.ipvs.ReconcileLoop;
import io.lvsdirector.ipvs.ReconcileStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/kernel")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Kernel", description = "What the kernel really holds, and how the reconciler keeps it equal to the desired state")
public class KernelResource {

    private final IpvsService ipvs;

    KernelResource(IpvsService ipvs) {
        this.ipvs = ipvs;
    }

    @GET
    @Path("services")
    @Operation(operationId = "getKernelServices", summary = "Live IPVS table", description = "Every virtual service in the kernel with its real servers and "
            + "traffic counters, read now. Services the director does not manage are flagged foreign.")
    @APIResponse(responseCode = "200", description = "The kernel's table")
    @APIResponse(responseCode = "503", ref = "KernelUnavailable")
    public KernelViews.Table services() {
        ReconcileLoop loop = loop();
        try {
            IpvsDump dump = loop.kernelDump();
            return KernelViews.table(dump, loop.desiredTable(), loop.ownedKeys());
        } catch (IpvsUnavailableException e) {
            throw unavailable(e.getMessage());
        }
    }

    @GET
    @Path("plan")
    @Operation(operationId = "getKernelPlan", summary = "Pending plan", description = "The kernel writes a reconcile pass would make now; empty when the "
            + "kernel is in sync.")
    @APIResponse(responseCode = "200", description = "The pending writes and the foreign services")
    @APIResponse(responseCode = "503", ref = "KernelUnavailable")
    public KernelViews.PlanView plan() {
        try {
            Planner.Plan plan = loop().plan();
            return KernelViews.plan(plan);
        } catch (IpvsUnavailableException e) {
            throw unavailable(e.getMessage());
        }
    }

    @GET
    @Path("reconcile")
    @Operation(operationId = "getReconcilerStatus", summary = "Reconciler status", description = "Whether IPVS is available, whether the kernel is in sync "
            + "with the latest revision, and the last pass: writes made, failures per object, duration.")
    @APIResponse(responseCode = "200", description = "The reconciler's status")
    public KernelViews.StatusView reconcile() {
        ReconcileStatus s = ipvs.status();
        return KernelViews.status(s);
    }

    private ReconcileLoop loop() {
        return ipvs.loop().orElseThrow(() -> unavailable("IPVS management disabled (lvs.ipvs.enabled=false)"));
    }

    private static ApiException unavailable(String why) {
        return new ApiException(Problem.of(ProblemType.KERNEL_UNAVAILABLE, why));
    }
}
