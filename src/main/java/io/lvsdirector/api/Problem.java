package io.lvsdirector.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail. {@code errors} lists rejected fields; {@code extensions} are further
 * members at the top level (for example {@code referrers} on a 409).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:lvs-director:problem:";

    public Problem {
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(TYPE_PREFIX + type.slug(), type.title(), type.status(), detail, null, null, null);
    }

    /**
     * A problem for a status raised by the HTTP layer: its own type where the API defines one,
     * else RFC 9457's "about:blank" with the status phrase as title.
     */
    public static Problem ofStatus(int status, String reasonPhrase, String detail) {
        for (ProblemType t : ProblemType.values()) {
            if (t.status() == status && t.generic()) {
                return of(t, detail);
            }
        }
        return new Problem("about:blank", reasonPhrase, status, detail, null, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    public Problem withExtension(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, instance, errors, more);
    }

    public Problem withInstance(String requestPath) {
        return new Problem(type, title, status, detail, requestPath, errors, extensions);
    }

    /** Extension members, written at the top level of the problem object. */
    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }
}
