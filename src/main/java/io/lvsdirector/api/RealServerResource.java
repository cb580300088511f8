package io.lvsdirector.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lvsdirector.health.HealthService;
import java.util.List;

import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.RealServer;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Real servers live below their virtual service: the path names the service, the body may omit it. */
@Path("/api/v1/virtual-services/{service}/real-servers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Real servers", description = "The servers a virtual service balances over")
public class RealServerResource {

    private static final ObjectType<RealServer> TYPE = ObjectType.REAL_SERVERS;

    private final CrudService crud;

    private final HealthService health;
    private final ObjectMapper json;

    RealServerResource(CrudService crud, HealthService health, ObjectMapper json) {
        this.crud = crud;
        this.health = health;
        this.json = json;
    }

    /** Reads carry each server's live health next to its configuration (never stored). */
    private Response withHealth(Response r) {
        Object entity = r.getEntity();
        Object shown = entity;
        if (entity instanceof RealServer rs) {
            shown = view(rs);
        } else if (entity instanceof List<?> list) {
            shown = list.stream().map(o -> o instanceof RealServer rs ? view(rs) : o).toList();
        }
        return Response.fromResponse(r).entity(shown).build();
    }

    private ObjectNode view(RealServer rs) {
        ObjectNode n = json.valueToTree(rs);
        n.set("health", json.valueToTree(health.status(rs.virtualService(), rs.name())));
        return n;
    }

    @GET
    @Operation(operationId = "listRealServers", summary = "List the real servers of a virtual service", description = "In name order, each with a "
            + "read-only health member: state (UP, DOWN, UNKNOWN when not checked), lastCheck, latencyMs, lastError, "
            + "consecutive successes and failures.")
    @APIResponse(responseCode = "200", description = "The real servers",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = RealServer.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response list(@Parameter(description = ApiDocs.SERVICE) @PathParam("service") String service) {
        return withHealth(crud.list(TYPE, service));
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getRealServer", summary = "Get a real server", description = "With a read-only health member: state (UP, DOWN, "
            + "UNKNOWN when not checked), lastCheck, latencyMs, lastError, consecutive successes and failures.")
    @APIResponse(responseCode = "200", description = "The real server, with its ETag",
            content = @Content(schema = @Schema(implementation = RealServer.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response get(@Parameter(description = ApiDocs.SERVICE) @PathParam("service") String service,
            @Parameter(description = ApiDocs.NAME) @PathParam("name") String name) {
        return withHealth(crud.get(TYPE, ObjectKey.realServer(service, name)));
    }

    @POST
    @Operation(operationId = "createRealServer", summary = "Add a real server", description = "Adds a real server to the virtual service; 409 if the "
            + "name is taken within the service. The body's virtualService may be omitted (the path gives it).")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name it",
            content = @Content(schema = @Schema(implementation = RealServer.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response create(@Parameter(description = ApiDocs.SERVICE) @PathParam("service") String service,
            RealServer body, @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun,
            @Context UriInfo uri) {
        return crud.create(TYPE, service, inService(service, body), dryRun, uri);
    }

    @PUT
    @Path("{name}")
    @Operation(operationId = "replaceRealServer", summary = "Create or replace a real server", description = "Full replace; creates it if absent.")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = RealServer.class)))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = RealServer.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response replace(@Parameter(description = ApiDocs.SERVICE) @PathParam("service") String service,
            @Parameter(description = ApiDocs.NAME) @PathParam("name") String name, RealServer body,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun) {
        return crud.replace(TYPE, ObjectKey.realServer(service, name), inService(service, body), ifMatch, dryRun,
                RealServer::name);
    }

    @DELETE
    // A 204 has no body: a client that only accepts problem documents (the errors) must not get 406.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("{name}")
    @Operation(operationId = "deleteRealServer", summary = "Remove a real server")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Response delete(@Parameter(description = ApiDocs.SERVICE) @PathParam("service") String service,
            @Parameter(description = ApiDocs.NAME) @PathParam("name") String name,
            @Parameter(description = ApiDocs.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun) {
        return crud.delete(TYPE, ObjectKey.realServer(service, name), ifMatch, dryRun);
    }

    /** The body bound to the service the path names; a different virtualService in the body is refused. */
    private static RealServer inService(String service, RealServer body) {
        if (body == null) {
            return null;
        }
        if (body.virtualService() != null && !body.virtualService().equals(service)) {
            throw new ApiException(Problem.of(ProblemType.VALIDATION_FAILED, "the body names another virtual service")
                    .withErrors(List.of(FieldError.of("virtualService",
                            "must be \"" + service + "\" (the path's) or left out"))));
        }
        return body.withVirtualService(service);
    }
}
