package io.lvsdirector.api;

import io.lvsdirector.store.CommitResult;
import io.lvsdirector.store.StateStore;
import io.lvsdirector.store.StoredState;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole configuration at once: export, and atomic replace as a single revision. */
@Path("/api/v1/config")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration", description = "The whole desired state as one document")
public class ConfigResource {

    private final StateStore store;
    private final RequestValidation validation;

    ConfigResource(StateStore store, RequestValidation validation) {
        this.store = store;
        this.validation = validation;
    }

    @GET
    @Operation(operationId = "exportConfig", summary = "Export the whole configuration",
            description = "Every object, with the revision; the ETag is the quoted global revision.")
    @APIResponse(responseCode = "200", description = "The configuration",
            content = @Content(schema = @Schema(implementation = ConfigDocument.class)))
    public Response export() {
        StoredState s = store.current();
        return Response.ok(ConfigDocument.of(s)).tag(new EntityTag(Long.toString(s.revision())))
                .header(Headers.REVISION, s.revision()).build();
    }

    @PUT
    @Operation(operationId = "replaceConfig", summary = "Replace the whole configuration",
            description = "Validated as a whole and committed as one revision; objects absent from the document "
                    + "are deleted. The revision member of the body is ignored.")
    @APIResponse(responseCode = "200", description = "The configuration now stored",
            content = @Content(schema = @Schema(implementation = ConfigDocument.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response replace(ConfigDocument body,
            @Parameter(description = "Only replace if the global revision (quoted, as the ETag of GET /config) "
                    + "still matches; a stale tag gives 412.") @HeaderParam("If-Match") String ifMatch,
            @Parameter(hidden = true) @QueryParam("dryRun") boolean dryRun) {
        validation.require(body);
        CommitResult r = store.write(current -> {
            EntityTags.check(ifMatch, current.revision(), true, "the configuration");
            return body.toState();
        }, dryRun);
        if (dryRun) {
            return Response.ok(DryRunResult.of(r)).build();
        }
        return Response.ok(ConfigDocument.of(r.after())).tag(new EntityTag(Long.toString(r.after().revision())))
                .header(Headers.REVISION, r.after().revision()).build();
    }
}
