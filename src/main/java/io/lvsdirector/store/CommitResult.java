package io.lvsdirector.store;

import java.util.List;

/**
 * What a write did (or, for a dry run, would do). An empty change list means the write changed
 * nothing and no new revision was made.
 */
public record CommitResult(StoredState before, StoredState after, List<Change> changes, boolean dryRun) {

    public CommitResult {
        changes = List.copyOf(changes);
    }
}
