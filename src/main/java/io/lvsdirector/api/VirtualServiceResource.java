package io.lvsdirector.api;

import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.ObjectKind;
import io.lvsdirector.model.VirtualService;
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

@Path("/api/v1/virtual-services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Virtual services", description = "IPVS virtual services: VIP + protocol + port, or firewall mark + address family")
public class VirtualServiceResource {

    private static final ObjectType<VirtualService> TYPE = ObjectType.VIRTUAL_SERVICES;

    private final CrudService crud;

    VirtualServiceResource(CrudService crud) {
        this.crud = crud;
    }

    @GET
    @Operation(operationId = "listVirtualServices", summary = "List virtual services", description = "All virtual services in name order.")
    @APIResponse(responseCode = "200", description = "The virtual services",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = VirtualService.class)))
    public Response list() {
        return crud.list(TYPE, null);
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getVirtualService", summary = "Get a virtual service")
    @APIResponse(responseCode = "200", description = "The virtual service, with its ETag",
            content = @Content(schema = @Schema(implementation = VirtualService.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@Parameter(description = ApiDocs.NAME) @PathParam("name") String name) {
        return crud.get(TYPE, ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, name));
    }

    @POST
    @Operation(operationId = "createVirtualService", summary = "Create a virtual service", description = "Creates a virtual service; 409 if the name is taken.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name it",
            content = @Content(schema = @Schema(implementation = VirtualService.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(VirtualService body, @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun,
            @Context UriInfo uri) {
        return crud.create(TYPE, null, body, dryRun, uri);
    }

    @PUT
    @Path("{name}")
    @Operation(operationId = "replaceVirtualService", summary = "Create or replace a virtual service", description = "Full replace; creates the service if absent. Its real servers are kept.")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = VirtualService.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = VirtualService.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response replace(@Parameter(description = ApiDocs.NAME) @PathParam("name") String name, VirtualService body,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun) {
        return crud.replace(TYPE, ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, name), body, ifMatch, dryRun, VirtualService::name);
    }

    @DELETE
    // A 204 has no body: a client that only accepts problem documents (the errors) must not get 406.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{name}")
    @Operation(operationId = "deleteVirtualService", summary = "Delete a virtual service", description = "409 while it still has real servers.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "InUse")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response delete(@Parameter(description = ApiDocs.NAME) @PathParam("name") String name,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun) {
        return crud.delete(TYPE, ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, name), ifMatch, dryRun);
    }
}
