package io.lvsdirector.store;

import io.lvsdirector.model.ObjectKey;

/** One object created, updated or deleted by a commit. {@code before}/{@code after} are null where absent. */
public record Change(ObjectKey key, Op op, Object before, Object after) {

    public enum Op {
        CREATE, UPDATE, DELETE
    }
}
