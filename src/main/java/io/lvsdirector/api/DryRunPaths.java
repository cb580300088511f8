package io.lvsdirector.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * Serves every write under {@value #PREFIX} as the same write with {@code ?dryRun=true}.
 *
 * <p>A dry run answers a different type (a {@link DryRunResult}) than the write itself, which one OpenAPI operation
 * cannot say to a generated client: the dry runs are therefore documented as operations of their own on these
 * paths (see {@link OpenApiConventions}), while {@code ?dryRun=true} keeps working for hand-written clients.
 */
@Provider
@PreMatching
public class DryRunPaths implements ContainerRequestFilter {

    static final String API = "/api/v1";
    static final String PREFIX = API + "/dry-run";
    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE);

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!WRITES.contains(request.getMethod()) || !path.startsWith(PREFIX + "/")) {
            return;
        }
        URI rewritten = UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                .replacePath(API + path.substring(PREFIX.length()))
                .replaceQueryParam("dryRun", "true")
                .build();
        request.setRequestUri(rewritten);
    }

    /** The dry-run twin of a write's path. */
    static String twinOf(String path) {
        return PREFIX + path.substring(API.length());
    }
}
