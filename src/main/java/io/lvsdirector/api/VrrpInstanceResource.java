package io.lvsdirector.api;

import io.lvsdirector.vrrp.VrrpService;

import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.ObjectKind;
import io.lvsdirector.model.VrrpInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/vrrp-instances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "VRRP instances", description = "VRRP virtual routers (v2 or v3) that decide which director holds its VIPs")
public class VrrpInstanceResource {

    private static final ObjectType<VrrpInstance> TYPE = ObjectType.VRRP_INSTANCES;

    private final CrudService crud;

    private final VrrpService vrrp;

    VrrpInstanceResource(CrudService crud, VrrpService vrrp) {
        this.crud = crud;
        this.vrrp = vrrp;
    }

    @GET
    @Path("{name}/status")
    @Operation(operationId = "getVrrpInstanceStatus", summary = "Live VRRP state of an instance", description = "State (INITIALIZE, BACKUP, MASTER, FAULT), "
            + "current master, last transition (time and reason), counters of adverts and of dropped packets by reason.")
    @APIResponse(responseCode = "200", description = "The instance's live state",
            content = @Content(schema = @Schema(implementation = VrrpStatusView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "KernelUnavailable")
    public VrrpStatusView status(@Parameter(description = ApiDocs.NAME) @PathParam("name") String name) {
        crud.get(TYPE, ObjectKey.of(ObjectKind.VRRP_INSTANCE, name)); // 404 when there is no such instance
        if (!vrrp.enabled()) {
            throw new ApiException(Problem.of(ProblemType.KERNEL_UNAVAILABLE, "VRRP is disabled (lvs.vrrp.enabled=false)"));
        }
        return vrrp.status(name).map(VrrpStatusView::of).orElseThrow(() -> new ApiException(
                Problem.of(ProblemType.KERNEL_UNAVAILABLE, "VRRP instance " + name + " is not running yet")));
    }

    @GET
    @Path("{name}/events")
    @Operation(operationId = "listVrrpInstanceEvents", summary = "State transitions of an instance", description = "The most recent transitions, oldest first.")
    @APIResponse(responseCode = "200", description = "The transitions",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = VrrpStatusView.Event.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public java.util.List<VrrpStatusView.Event> events(@Parameter(description = ApiDocs.NAME) @PathParam("name") String name) {
        crud.get(TYPE, ObjectKey.of(ObjectKind.VRRP_INSTANCE, name));
        return vrrp.events(name).stream().map(VrrpStatusView.Event::of).toList();
    }

    @GET
    @Operation(operationId = "listVrrpInstances", summary = "List VRRP instances", description = "All VRRP instances in name order.")
    @APIResponse(responseCode = "200", description = "The VRRP instances",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = VrrpInstance.class)))
    public Response list() {
        return crud.list(TYPE, null);
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getVrrpInstance", summary = "Get a VRRP instance")
    @APIResponse(responseCode = "200", description = "The VRRP instance, with its ETag",
            content = @Content(schema = @Schema(implementation = VrrpInstance.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@Parameter(description = ApiDocs.NAME) @PathParam("name") String name) {
        return crud.get(TYPE, ObjectKey.of(ObjectKind.VRRP_INSTANCE, name));
    }

    @POST
    @Operation(operationId = "createVrrpInstance", summary = "Create a VRRP instance", description = "Creates a VRRP instance; 409 if the name is taken.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name it",
            content = @Content(schema = @Schema(implementation = VrrpInstance.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(VrrpInstance body, @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun,
            @Context UriInfo uri) {
        return crud.create(TYPE, null, body, dryRun, uri);
    }

    @PUT
    @Path("{name}")
    @Operation(operationId = "replaceVrrpInstance", summary = "Create or replace a VRRP instance", description = "Full replace; creates the instance if absent.")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = VrrpInstance.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = VrrpInstance.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response replace(@Parameter(description = ApiDocs.NAME) @PathParam("name") String name, VrrpInstance body,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun) {
        return crud.replace(TYPE, ObjectKey.of(ObjectKind.VRRP_INSTANCE, name), body, ifMatch, dryRun, VrrpInstance::name);
    }

    @DELETE
    // A 204 has no body: a client that only accepts problem documents (the errors) must not get 406.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{name}")
    @Operation(operationId = "deleteVrrpInstance", summary = "Delete a VRRP instance", description = "409 while a VIP refers to it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "InUse")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response delete(@Parameter(description = ApiDocs.NAME) @PathParam("name") String name,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun) {
        return crud.delete(TYPE, ObjectKey.of(ObjectKind.VRRP_INSTANCE, name), ifMatch, dryRun);
    }
}
