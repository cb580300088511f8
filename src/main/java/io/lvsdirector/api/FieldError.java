package io.lvsdirector.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One rejected field in a problem's {@code errors} list. {@code object} names the object (for
 * example {@code vips/web-vip}) when the rule spans objects; {@code field} is a JSON path within it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String object, String field, String message) {

    public static FieldError of(String field, String message) {
        return new FieldError(null, field, message);
    }
}
