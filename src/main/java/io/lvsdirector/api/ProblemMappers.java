package io.lvsdirector.api;

import io.lvsdirector.model.JsonFieldNames;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.Violation;
import io.lvsdirector.store.InvalidStateException;
import io.lvsdirector.store.PreconditionFailedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure of a request to an RFC 9457 problem (JSON read errors: {@link JsonProblemMapper}). */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ProblemResponses problems;

    ProblemMappers(ProblemResponses problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return problems.response(e.problem(), uri.getPath());
    }

    /** The state the write would make breaks a rule: 422, one error per violated rule. */
    @ServerExceptionMapper
    public Response invalidState(InvalidStateException e, UriInfo uri) {
        List<FieldError> errors = e.violations().stream().map(ProblemMappers::toFieldError)
                .sorted(Comparator.comparing((FieldError f) -> String.valueOf(f.object()))
                        .thenComparing(f -> String.valueOf(f.field())))
                .toList();
        return problems.response(Problem.of(ProblemType.VALIDATION_FAILED,
                "the change would break " + errors.size() + " rule(s); nothing was stored").withErrors(errors), uri.getPath());
    }

    @ServerExceptionMapper
    public Response preconditionFailed(PreconditionFailedException e, UriInfo uri) {
        return problems.response(Problem.of(ProblemType.PRECONDITION_FAILED, e.getMessage()), uri.getPath());
    }

    /** Bean Validation on resource parameters (the body is validated by {@link RequestValidation}). */
    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream().map(RequestValidation::toFieldError)
                .sorted(Comparator.comparing(FieldError::field)).toList();
        return problems.response(Problem.of(ProblemType.VALIDATION_FAILED, errors.size() + " value(s) are invalid")
                .withErrors(errors), uri.getPath());
    }

    /** 404, 405, 406, 415 and the like, raised by the HTTP layer. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, Request request) {
        JsonProcessingException unreadable = jsonCause(e);
        if (unreadable != null) {
            return problems.response(JsonProblemMapper.toProblem(unreadable), uri.getPath());
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        String detail = switch (status) {
            case 400 -> "the request cannot be read" + (e.getCause() == null ? "" : ": " + e.getCause().getMessage());
            case 404 -> "no resource at " + uri.getPath();
            case 405 -> request.getMethod() + " is not allowed on " + uri.getPath();
            default -> e.getMessage();
        };
        String phrase = original.getStatusInfo() == null ? "HTTP " + status : original.getStatusInfo().getReasonPhrase();
        Response.ResponseBuilder b = problems.builder(Problem.ofStatus(status, phrase, detail), uri.getPath());
        if (original.getHeaderString(HttpHeaders.ALLOW) != null) {
            b.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        if (status >= 500) {
            LOG.error("request failed: " + uri.getPath(), e);
        }
        return b.build();
    }

    /** The state file could not be made durable: nothing was acknowledged, the client may retry. */
    @ServerExceptionMapper
    public Response stateNotWritten(java.io.UncheckedIOException e, UriInfo uri) {
        LOG.error("state file write failed: " + uri.getPath(), e);
        return problems.response(Problem.of(ProblemType.STATE_NOT_WRITTEN,
                "the state file could not be written (" + e.getMessage() + "); nothing was stored"), uri.getPath());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.error("request failed: " + uri.getPath(), e);
        return problems.response(Problem.of(ProblemType.INTERNAL_ERROR,
                "the request failed unexpectedly; the server log has the details"), uri.getPath());
    }

    /** The HTTP layer wraps some JSON read failures (e.g. a truncated body) in a plain 400. */
    private static JsonProcessingException jsonCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof JsonProcessingException j) {
                return j;
            }
        }
        return null;
    }

    private static FieldError toFieldError(Violation v) {
        ObjectKey key = v.object();
        String field = key == null ? v.field() : JsonFieldNames.of(key.kind(), v.field());
        return new FieldError(key == null ? null : key.toString(), field, v.message());
    }
}
