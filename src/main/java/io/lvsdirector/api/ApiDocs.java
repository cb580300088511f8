package io.lvsdirector.api;

/** OpenAPI texts shared by the resources, so that the same parameter reads the same everywhere. */
final class ApiDocs {

    static final String DRY_RUN = "Validates the same request as the write and answers what it would change; "
            + "nothing is stored. (The write with ?dryRun=true does the same.)";
    static final String IF_MATCH = "Only write if the object's current ETag matches (quoted revision, as returned "
            + "by GET); \"*\" means \"if it exists\". A stale tag gives 412.";
    static final String NAME = "The object's name: a DNS label, 1-63 characters.";
    static final String SERVICE = "The virtual service the real servers belong to.";
    static final String ETAG = "The quoted revision that last changed the object; send it back in If-Match.";
    static final String REVISION = "The global state revision this response reflects.";

    private ApiDocs() {
    }
}
