package io.lvsdirector.model;

/** Object names are DNS labels, so that they read well in URLs and logs. */
public final class Names {
    /** RFC 1123 label: 1-63 characters, lower-case letters, digits and '-', not starting or ending with '-'. */
    public static final String DNS_LABEL = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
    public static final String DNS_LABEL_MESSAGE =
            "must be a DNS label: 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit";

    private Names() {
    }
}
