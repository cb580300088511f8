package io.lvsdirector.model;

/**
 * One broken rule: which object (null for the state as a whole), which field (a JSON property
 * path relative to that object, e.g. {@code persistence.netmask}) and why.
 */
public record Violation(ObjectKey object, String field, String message) {

    @Override
    public String toString() {
        return (object == null ? "" : object + ": ") + (field == null ? "" : field + ": ") + message;
    }
}
