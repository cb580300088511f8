package io.lvsdirector.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A body that cannot be read is a 400 naming the field: malformed JSON, an unknown field, a value of
 * the wrong type or an enum value that does not exist (listing the allowed ones). One mapper per
 * Jackson exception class, so that they take precedence over the built-in, less specific ones.
 */
public class JsonProblemMapper {

    private final ProblemResponses problems;

    JsonProblemMapper(ProblemResponses problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response processing(JsonProcessingException e, UriInfo uri) {
        return respond(e, uri);
    }

    private Response respond(JsonProcessingException e, UriInfo uri) {
        return problems.response(toProblem(e), uri.getPath());
    }

    static Problem toProblem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return Problem.of(ProblemType.UNKNOWN_FIELD, "unknown field \"" + u.getPropertyName() + "\"")
                    .withErrors(List.of(FieldError.of(field, "is not a field of this object; known fields: " + known)));
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String allowed = enumValues(f.getTargetType());
            return Problem.of(ProblemType.INVALID_VALUE, "\"" + f.getValue() + "\" is not one of " + allowed)
                    .withErrors(List.of(FieldError.of(path(f), "must be one of " + allowed)));
        }
        if (e instanceof ValueInstantiationException v) {
            String why = v.getCause() == null ? v.getOriginalMessage() : v.getCause().getMessage();
            return Problem.of(ProblemType.INVALID_VALUE, why).withErrors(List.of(FieldError.of(path(v), why)));
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String expected = m.getTargetType() == null ? "another type" : describe(m.getTargetType());
            return Problem.of(ProblemType.INVALID_VALUE, "field \"" + path(m) + "\" has the wrong type")
                    .withErrors(List.of(FieldError.of(path(m), "must be " + expected)));
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problem.of(ProblemType.MALFORMED_REQUEST, "the body is not valid JSON for this resource" + where + ": "
                + e.getOriginalMessage());
    }

    /** The JSON path of the failing value, e.g. {@code persistence.netmask} or {@code schedulerFlags[1]}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Enum values as JSON spells them (honouring {@code @JsonProperty} renames). */
    static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> {
            String name = ((Enum<?>) c).name();
            try {
                JsonProperty p = type.getField(name).getAnnotation(JsonProperty.class);
                return p != null && !p.value().isEmpty() ? p.value() : name;
            } catch (NoSuchFieldException ex) {
                return name;
            }
        }).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + enumValues(type);
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
