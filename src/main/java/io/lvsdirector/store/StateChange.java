package io.lvsdirector.store;

import io.lvsdirector.model.DesiredState;

/**
 * A write to the desired state, run under the store's write lock against the newest state: the
 * one every earlier write produced, possibly not yet durable (if that state then fails to reach
 * the disk, this write fails too). It may throw (for example {@link PreconditionFailedException} on a stale ETag, or an
 * application exception for a missing object); nothing is written then.
 */
@FunctionalInterface
public interface StateChange {
    DesiredState apply(StoredState current);
}
