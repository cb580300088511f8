package io.lvsdirector.netlink;

import java.util.HashMap;
import java.util.Map;

/**
 * Linux errno numbers (the generic asm values shared by x86-64 and arm64) with their symbolic names and the
 * usual strerror text, so errors read as "ENODEV (No such device)" instead of a bare number.
 */
public final class Errno {

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int ENXIO = 6;
    public static final int E2BIG = 7;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EMFILE = 24;
    public static final int ENOSPC = 28;
    public static final int EPIPE = 32;
    public static final int ERANGE = 34;
    public static final int ENOSYS = 38;
    public static final int ENOMSG = 42;
    public static final int EPROTO = 71;
    public static final int ENOTSOCK = 88;
    public static final int EMSGSIZE = 90;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    /** Linux defines ENOTSUP as EOPNOTSUPP. */
    public static final int EOPNOTSUPP = 95;
    public static final int ENOTSUP = EOPNOTSUPP;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int EADDRNOTAVAIL = 99;
    public static final int ENETDOWN = 100;
    public static final int ENETUNREACH = 101;
    public static final int ECONNRESET = 104;
    public static final int ENOBUFS = 105;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTDOWN = 112;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;

    private record Entry(String name, String text) {
    }

    private static final Map<Integer, Entry> TABLE = new HashMap<>();

    static {
        put(EPERM, "EPERM", "Operation not permitted");
        put(ENOENT, "ENOENT", "No such file or directory");
        put(ESRCH, "ESRCH", "No such process");
        put(EINTR, "EINTR", "Interrupted system call");
        put(EIO, "EIO", "Input/output error");
        put(ENXIO, "ENXIO", "No such device or address");
        put(E2BIG, "E2BIG", "Argument list too long");
        put(EBADF, "EBADF", "Bad file descriptor");
        put(EAGAIN, "EAGAIN", "Resource temporarily unavailable");
        put(ENOMEM, "ENOMEM", "Cannot allocate memory");
        put(EACCES, "EACCES", "Permission denied");
        put(EFAULT, "EFAULT", "Bad address");
        put(EBUSY, "EBUSY", "Device or resource busy");
        put(EEXIST, "EEXIST", "File exists");
        put(ENODEV, "ENODEV", "No such device");
        put(EINVAL, "EINVAL", "Invalid argument");
        put(EMFILE, "EMFILE", "Too many open files");
        put(ENOSPC, "ENOSPC", "No space left on device");
        put(EPIPE, "EPIPE", "Broken pipe");
        put(ERANGE, "ERANGE", "Numerical result out of range");
        put(ENOSYS, "ENOSYS", "Function not implemented");
        put(ENOMSG, "ENOMSG", "No message of desired type");
        put(EPROTO, "EPROTO", "Protocol error");
        put(ENOTSOCK, "ENOTSOCK", "Socket operation on non-socket");
        put(EMSGSIZE, "EMSGSIZE", "Message too long");
        put(ENOPROTOOPT, "ENOPROTOOPT", "Protocol not available");
        put(EPROTONOSUPPORT, "EPROTONOSUPPORT", "Protocol not supported");
        put(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported");
        put(EAFNOSUPPORT, "EAFNOSUPPORT", "Address family not supported by protocol");
        put(EADDRINUSE, "EADDRINUSE", "Address already in use");
        put(EADDRNOTAVAIL, "EADDRNOTAVAIL", "Cannot assign requested address");
        put(ENETDOWN, "ENETDOWN", "Network is down");
        put(ENETUNREACH, "ENETUNREACH", "Network is unreachable");
        put(ECONNRESET, "ECONNRESET", "Connection reset by peer");
        put(ENOBUFS, "ENOBUFS", "No buffer space available");
        put(ETIMEDOUT, "ETIMEDOUT", "Connection timed out");
        put(ECONNREFUSED, "ECONNREFUSED", "Connection refused");
        put(EHOSTDOWN, "EHOSTDOWN", "Host is down");
        put(EHOSTUNREACH, "EHOSTUNREACH", "No route to host");
        put(EALREADY, "EALREADY", "Operation already in progress");
        put(EINPROGRESS, "EINPROGRESS", "Operation now in progress");
    }

    private Errno() {
    }

    private static void put(int errno, String name, String text) {
        TABLE.put(errno, new Entry(name, text));
    }

    /** Symbolic name, e.g. "ENODEV"; "E" + number for values outside the table. */
    public static String name(int errno) {
        Entry e = TABLE.get(errno);
        return e != null ? e.name() : "E" + errno;
    }

    /** strerror-like description, or "errno N" when unknown. */
    public static String description(int errno) {
        Entry e = TABLE.get(errno);
        return e != null ? e.text() : "errno " + errno;
    }

    /** "ENODEV (No such device)". */
    public static String describe(int errno) {
        return name(errno) + " (" + description(errno) + ")";
    }
}
