package io.lvsdirector.store;

import java.util.function.Consumer;

/**
 * The single source of truth for the desired state, durable in one file.
 *
 * <p>Writes are serialized. {@link #write} returns only after the new state is on stable storage
 * (unless {@code dryRun}); a write that returned can survive a crash or power cut, one that threw
 * left nothing behind.
 */
public interface StateStore {

    /** The latest committed state. Never null; {@code revision} 0 means nothing was ever written. */
    StoredState current();

    /**
     * Applies {@code change} to the current state, validates the result as a whole (Bean
     * Validation on every object plus {@code StateValidator}), and commits it durably as one new
     * revision if anything changed.
     *
     * @throws InvalidStateException if the resulting state breaks the rules
     * @throws PreconditionFailedException or any exception {@code change} throws
     */
    CommitResult write(StateChange change, boolean dryRun);

    /**
     * Called with every new revision, once it is durable, in revision order, on the thread that made
     * it durable (under group commit, possibly another writer's thread).
     */
    void addListener(Consumer<StoredState> listener);
}
