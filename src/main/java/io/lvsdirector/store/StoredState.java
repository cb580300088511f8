package io.lvsdirector.store;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ObjectKey;
import java.util.Map;

/**
 * A committed revision of the desired state. {@code objectRevisions} holds, for every object, the
 * revision that last changed it: the basis of its ETag.
 */
public record StoredState(long revision, DesiredState state, Map<ObjectKey, Long> objectRevisions) {

    public StoredState {
        objectRevisions = Map.copyOf(objectRevisions);
    }

    /** The revision that last changed {@code key}, or 0 if the object does not exist. */
    public long revisionOf(ObjectKey key) {
        return objectRevisions.getOrDefault(key, 0L);
    }
}
