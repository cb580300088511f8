package io.lvsdirector.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Matches any path under /api/v1 that no resource serves, so that clients get a problem+json 404
 * rather than the HTTP server's plain one. It loses to every real resource (fewer literal characters).
 */
@Path("/api/v1/{path: .*}")
public class UnknownPathResource {

    @GET
    @Operation(hidden = true)
    public void get(@PathParam("path") String path) {
        throw notFound(path);
    }

    @POST
    @Operation(hidden = true)
    public void post(@PathParam("path") String path) {
        throw notFound(path);
    }

    @PUT
    @Operation(hidden = true)
    public void put(@PathParam("path") String path) {
        throw notFound(path);
    }

    @DELETE
    @Operation(hidden = true)
    public void delete(@PathParam("path") String path) {
        throw notFound(path);
    }

    @PATCH
    @Operation(hidden = true)
    public void patch(@PathParam("path") String path) {
        throw notFound(path);
    }

    private static ApiException notFound(String path) {
        return new ApiException(Problem.of(ProblemType.NOT_FOUND, "no resource at /api/v1/" + path
                + "; the collections are vrrp-instances, vips, virtual-services and virtual-services/{name}/real-servers"));
    }
}
