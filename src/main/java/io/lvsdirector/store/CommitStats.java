package io.lvsdirector.store;

/**
 * Counters of a store since it was opened: writes that made a new revision, and the durable file
 * replacements (write + fsync) that carried them. {@code commits / flushes} is the mean group size.
 */
public record CommitStats(long commits, long flushes) {

    public double meanGroupSize() {
        return flushes == 0 ? 0 : (double) commits / flushes;
    }
}
