package io.lvsdirector.model;

import java.util.ArrayList;
import java.util.List;

/** Collects violations for one object at a time, so rules need not repeat the object's key. */
final class ViolationList {

    private final List<Violation> all = new ArrayList<>();

    void add(ObjectKey object, String field, String message) {
        all.add(new Violation(object, field, message));
    }

    List<Violation> toList() {
        return List.copyOf(all);
    }
}
