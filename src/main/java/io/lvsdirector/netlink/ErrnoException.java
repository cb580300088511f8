package io.lvsdirector.netlink;

/**
 * A system call (or a kernel reply carrying an errno) failed. Unchecked so that callers such as a reconciler
 * can catch it per object while lambdas and streams stay readable.
 */
public class ErrnoException extends RuntimeException {

    private final int errno;

    public ErrnoException(String operation, int errno) {
        this(operation + ": " + Errno.describe(errno), errno, null);
    }

    protected ErrnoException(String message, int errno, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** Positive errno number, e.g. 19 for ENODEV. */
    public int errno() {
        return errno;
    }

    /** Symbolic errno name, e.g. "ENODEV". */
    public String errnoName() {
        return Errno.name(errno);
    }
}
