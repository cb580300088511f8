package io.lvsdirector.api;

/** Header names the API uses beyond the standard ones. */
public final class Headers {

    /** The global revision of the state a response reflects. */
    public static final String REVISION = "X-Revision";

    private Headers() {
    }
}
