package io.lvsdirector.api;

import io.lvsdirector.store.PreconditionFailedException;

/**
 * ETags are the quoted revision that last changed an object (or, for the whole configuration, the
 * global revision). If-Match uses the strong comparison of RFC 9110: weak tags never match.
 */
public final class EntityTags {

    private EntityTags() {
    }

    public static String of(long revision) {
        return "\"" + revision + "\"";
    }

    /**
     * Throws {@link PreconditionFailedException} unless {@code ifMatch} (null when absent) holds
     * for an object last changed at {@code revision}; revision 0 means the object does not exist.
     */
    public static void check(String ifMatch, long revision, String what) {
        check(ifMatch, revision, revision > 0, what);
    }

    /** As {@link #check(String, long, String)} for a resource that may exist at revision 0 (the whole state). */
    public static void check(String ifMatch, long revision, boolean exists, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        if (matches(ifMatch, revision, exists)) {
            return;
        }
        throw new PreconditionFailedException(!exists
                ? "If-Match " + ifMatch + " given but " + what + " does not exist"
                : "If-Match " + ifMatch + " does not match the current ETag " + of(revision) + " of " + what
                        + ": it was changed since you read it; GET it again and retry");
    }

    static boolean matches(String ifMatch, long revision, boolean exists) {
        if (!exists) {
            return false;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(of(revision))) {
                return true;
            }
        }
        return false;
    }
}
