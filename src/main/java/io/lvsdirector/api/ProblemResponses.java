package io.lvsdirector.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Turns problems into responses. The body is serialized here, so that the
 * {@code application/problem+json} media type needs no message body writer of its own.
 */
@ApplicationScoped
public class ProblemResponses {

    private final ObjectMapper mapper;

    ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Response.ResponseBuilder builder(Problem problem, String requestPath) {
        Problem p = problem.instance() == null ? problem.withInstance(requestPath) : problem;
        String body;
        try {
            body = mapper.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize problem " + p, e);
        }
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(body);
    }

    public Response response(Problem problem, String requestPath) {
        return builder(problem, requestPath).build();
    }
}
