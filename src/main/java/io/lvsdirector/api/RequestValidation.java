package io.lvsdirector.api;

import io.lvsdirector.model.JsonFieldNames;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;

/**
 * Bean Validation of a request body before it reaches the store, so that a body without a name
 * (which cannot even be keyed) is refused with the same 422 problem as any other field.
 */
@ApplicationScoped
public class RequestValidation {

    private final Validator validator;

    RequestValidation(Validator validator) {
        this.validator = validator;
    }

    public <T> T require(T body) {
        if (body == null) {
            throw new ApiException(Problem.of(ProblemType.MALFORMED_REQUEST, "a JSON request body is required"));
        }
        List<FieldError> errors = validator.validate(body).stream()
                .map(RequestValidation::toFieldError)
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        if (!errors.isEmpty()) {
            throw new ApiException(Problem.of(ProblemType.VALIDATION_FAILED,
                    errors.size() + " field(s) of the request body are invalid").withErrors(errors));
        }
        return body;
    }

    static FieldError toFieldError(ConstraintViolation<?> v) {
        // container elements show as "unicastPeers[0].<list element>": the index already says it
        String path = v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
        Class<?> owner = v.getLeafBean() == null ? null : v.getLeafBean().getClass();
        String leaf = null;
        for (Path.Node node : v.getPropertyPath()) {
            leaf = node.getName();
        }
        if (leaf != null && owner != null && path.endsWith(leaf)) {
            path = path.substring(0, path.length() - leaf.length()) + JsonFieldNames.of(owner, leaf);
        }
        return FieldError.of(path, v.getMessage());
    }
}
