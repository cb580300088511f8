package io.lvsdirector.api.auth;

import io.lvsdirector.api.Problem;
import io.lvsdirector.api.ProblemResponses;
import io.lvsdirector.api.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Requires {@code Authorization: Bearer <token>} for every write (and for reads under /api if
 * {@code lvs.api.protect-reads}). Writes are checked whatever the path says, so that no spelling of
 * a path (double slashes, dot segments) slips past. Runs before matching and before the body is
 * read, so that an unauthenticated client learns nothing about paths or validation. /q/health and
 * /q/metrics are not REST resources and never pass here.
 */
public class BearerTokenFilter {

    private static final String API_PREFIX = "/api/";

    private final ApiAuthenticator authenticator;
    private final ProblemResponses problems;

    BearerTokenFilter(ApiAuthenticator authenticator, ProblemResponses problems) {
        this.authenticator = authenticator;
        this.problems = problems;
    }

    @ServerRequestFilter(preMatching = true)
    public Response authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean write = authenticator.isWrite(request.getMethod());
        boolean protectedRead = authenticator.protectsReads() && path.replaceAll("/+", "/").startsWith(API_PREFIX);
        if (!write && !protectedRead) {
            return null;
        }
        return switch (authenticator.check(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            case ALLOWED -> null;
            case MISSING -> problems.builder(Problem.of(ProblemType.UNAUTHORIZED,
                            "this request needs an Authorization: Bearer <token> header"), path)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lvs-director\"").build();
            case WRONG -> problems.response(Problem.of(ProblemType.FORBIDDEN, "the bearer token is not valid"), path);
        };
    }
}
