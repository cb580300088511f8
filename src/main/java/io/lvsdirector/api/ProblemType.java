package io.lvsdirector.api;

/**
 * The kinds of problem the API reports. Status choice: 400 when the request cannot be read
 * (malformed JSON, unknown field, wrong type or enum value); 422 when it was read but breaks a rule
 * (Bean Validation, cross-object rules, name in body differs from the path).
 */
public enum ProblemType {
    MALFORMED_REQUEST("malformed-request", "Malformed request", 400),
    UNKNOWN_FIELD("unknown-field", "Unknown field", 400),
    INVALID_VALUE("invalid-value", "Invalid value", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Forbidden", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    ALREADY_EXISTS("already-exists", "Already exists", 409),
    IN_USE("in-use", "Still referred to", 409),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", 412),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    VALIDATION_FAILED("validation-failed", "Validation failed", 422),
    INTERNAL_ERROR("internal-error", "Internal server error", 500),
    KERNEL_UNAVAILABLE("kernel-unavailable", "Kernel feature unavailable", 503),
    STATE_NOT_WRITTEN("state-not-written", "State not written", 503);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** True for the one type that stands for its whole status (not a special case such as IN_USE). */
    boolean generic() {
        return this != UNKNOWN_FIELD && this != INVALID_VALUE && this != IN_USE;
    }
}
