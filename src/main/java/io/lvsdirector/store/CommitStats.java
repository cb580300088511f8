package io.lvsdirector.store;

/**
 * Counters of a store since it was opened: writes that made a new revision, the durable file
 * replacements (encode, write, fsync, rename, fsync the directory) that carried them, and the time
 * spent in those replacements. {@code commits / flushes} is the mean group size.
 */
public record CommitStats(long commits, long flushes, long flushNanos) {

    public double meanGroupSize() {
        return flushes == 0 ? 0 : (double) commits / flushes;
    }

    public double meanFlushMillis() {
        return flushes == 0 ? 0 : flushNanos / 1e6 / flushes;
    }
}
