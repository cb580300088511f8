package io.lvsdirector.store;

/**
 * Counters of a store since it was opened: writes that made a new revision, the durable file
 * replacements that carried them, the time spent in those replacements (encode, write, fsync,
 * rename, fsync the directory) and, of that, in encoding the JSON. {@code commits / flushes} is
 * the mean group size.
 */
public record CommitStats(long commits, long flushes, long flushNanos, long encodeNanos) {

    public double meanGroupSize() {
        return flushes == 0 ? 0 : (double) commits / flushes;
    }

    public double meanFlushMillis() {
        return flushes == 0 ? 0 : flushNanos / 1e6 / flushes;
    }

    public double meanEncodeMillis() {
        return flushes == 0 ? 0 : encodeNanos / 1e6 / flushes;
    }

    /** The counts and times since {@code earlier}, a snapshot of the same store. */
    public CommitStats since(CommitStats earlier) {
        return new CommitStats(commits - earlier.commits, flushes - earlier.flushes, flushNanos - earlier.flushNanos,
                encodeNanos - earlier.encodeNanos);
    }
}
