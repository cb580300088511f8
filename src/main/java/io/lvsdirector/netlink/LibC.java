package io.lvsdirector.netlink;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The libc calls this project needs, bound with jnr-ffi. Every wrapper reads errno right after a failing call
 * (jnr-ffi saves it per thread after each call) and throws {@link ErrnoException} naming the call and the errno.
 *
 * <p>Buffers passed to the kernel must be direct {@link ByteBuffer}s; their position is where the data starts.
 */
public final class LibC {

    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    /** Like SO_RCVBUF but may exceed net.core.rmem_max; needs CAP_NET_ADMIN. */
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;
    public static final int CLONE_NEWNET = 0x40000000;

    /** The raw binding; package-private so that only this package touches native code. */
    interface Api {
        @SaveError int socket(int domain, int type, int protocol);

        @SaveError int bind(int fd, @In ByteBuffer addr, int addrLen);

        @SaveError int getsockname(int fd, @Out ByteBuffer addr, IntByReference addrLen);

        @SaveError @ssize_t long sendto(int fd, @In ByteBuffer buf, @size_t long len, int flags,
                @In ByteBuffer addr, int addrLen);

        @SaveError @ssize_t long recvfrom(int fd, @Out ByteBuffer buf, @size_t long len, int flags,
                @Out ByteBuffer addr, IntByReference addrLen);

        @SaveError @ssize_t long sendmsg(int fd, @In ByteBuffer msghdr, int flags);

        @SaveError @ssize_t long recvmsg(int fd, ByteBuffer msghdr, int flags);

        @SaveError int setsockopt(int fd, int level, int option, @In ByteBuffer value, int len);

        @SaveError int getsockopt(int fd, int level, int option, @Out ByteBuffer value, IntByReference len);

        @SaveError int if_nametoindex(String name);

        @SaveError int open(String path, int flags);

        @SaveError int setns(int fd, int nstype);

        int getpid();
    }

    private static final Api API;
    private static final Runtime RUNTIME;

    static {
        API = load(Api.class);
        RUNTIME = Runtime.getRuntime(API);
    }

    /** Binds a jnr-ffi interface to libc; every binding of this package is made here, the same way. */
    static <T> T load(Class<T> api) {
        // jnr-ffi generates bytecode with ASM unless told otherwise; the reflection loader avoids runtime class
        // generation (friendlier to a later native image) and its cost is negligible next to a syscall.
        // An explicit -Djnr.ffi.asm.enabled=... still wins.
        if (System.getProperty("jnr.ffi.asm.enabled") == null) {
            System.setProperty("jnr.ffi.asm.enabled", "false");
        }
        return LibraryLoader.create(api).load("c");
    }

    private LibC() {
    }

    private static int errno() {
        return LastError.getLastError(RUNTIME);
    }

    private static int check(String op, int rc) {
        if (rc < 0) {
            throw new ErrnoException(op, errno());
        }
        return rc;
    }

    public static int socket(int domain, int type, int protocol) {
        int rc = API.socket(domain, type, protocol);
        return check("socket", rc);
    }

    public static void bind(int fd, ByteBuffer addr) {
        int rc = API.bind(fd, addr, addr.remaining());
        check("bind", rc);
    }

    /** Fills {@code addr} (from its position) with the socket's local address; returns the address length. */
    public static int getsockname(int fd, ByteBuffer addr) {
        IntByReference len = new IntByReference(addr.remaining());
        int rc = API.getsockname(fd, addr, len);
        check("getsockname", rc);
        return len.intValue();
    }

    /** Sends {@code buf}'s remaining bytes to {@code addr} (may be null); returns the bytes sent. */
    public static long sendto(int fd, ByteBuffer buf, int flags, ByteBuffer addr) {
        long rc = addr == null
                ? API.sendto(fd, buf, buf.remaining(), flags, null, 0)
                : API.sendto(fd, buf, buf.remaining(), flags, addr, addr.remaining());
        if (rc < 0) {
            throw new ErrnoException("sendto", errno());
        }
        return rc;
    }

    /**
     * Receives into {@code buf} from its position. With {@link #MSG_TRUNC} the return value is the datagram's real
     * length, which may exceed what fitted. Retries on EINTR. The sender's address goes into {@code from}
     * (may be null).
     */
    public static long recvfrom(int fd, ByteBuffer buf, int flags, ByteBuffer from) {
        while (true) {
            IntByReference fromLen = from == null ? null : new IntByReference(from.remaining());
            long rc = API.recvfrom(fd, buf, buf.remaining(), flags, from, fromLen);
            if (rc >= 0) {
                return rc;
            }
            int err = errno();
            if (err != Errno.EINTR) {
                throw new ErrnoException("recvfrom", err);
            }
        }
    }

    /**
     * sendmsg(2) with a gather list (one iovec per buffer, its remaining bytes), an optional destination address
     * and optional control data (cmsg). All buffers must be direct. Returns the bytes sent.
     */
    public static long sendmsg(int fd, ByteBuffer to, ByteBuffer[] iov, ByteBuffer control, int flags) {
        ByteBuffer iovecs = iovecs(iov);
        ByteBuffer hdr = msghdr(to, iovecs, iov.length, control);
        long rc = API.sendmsg(fd, hdr, flags);
        int err = rc < 0 ? errno() : 0;
        Reference.reachabilityFence(iov);
        Reference.reachabilityFence(to);
        Reference.reachabilityFence(control);
        Reference.reachabilityFence(iovecs);
        if (rc < 0) {
            throw new ErrnoException("sendmsg", err);
        }
        return rc;
    }

    /** What recvmsg(2) reported besides the data. */
    public record RecvMsg(long bytes, int flags, int addressLength, int controlLength) {

        /** The datagram was longer than the buffer (MSG_TRUNC in msg_flags). */
        public boolean truncated() {
            return (flags & MSG_TRUNC) != 0;
        }

        /** Control data was cut off (MSG_CTRUNC). */
        public boolean controlTruncated() {
            return (flags & MSG_CTRUNC) != 0;
        }
    }

    public static final int MSG_CTRUNC = 0x8;

    /**
     * recvmsg(2) into {@code data} (from its position, not advanced) with optional buffers for the sender's
     * address and control messages (cmsg, e.g. IP_PKTINFO or IPV6_HOPLIMIT). All buffers must be direct.
     * Retries on EINTR.
     */
    public static RecvMsg recvmsg(int fd, ByteBuffer data, ByteBuffer from, ByteBuffer control, int flags) {
        ByteBuffer iovecs = iovecs(new ByteBuffer[] {data});
        while (true) {
            ByteBuffer hdr = msghdr(from, iovecs, 1, control);
            long rc = API.recvmsg(fd, hdr, flags);
            int err = rc < 0 ? errno() : 0;
            Reference.reachabilityFence(data);
            Reference.reachabilityFence(from);
            Reference.reachabilityFence(control);
            Reference.reachabilityFence(iovecs);
            if (rc >= 0) {
                return new RecvMsg(rc, hdr.getInt(MSGHDR_FLAGS), hdr.getInt(MSGHDR_NAMELEN),
                        (int) hdr.getLong(MSGHDR_CONTROLLEN));
            }
            if (err != Errno.EINTR) {
                throw new ErrnoException("recvmsg", err);
            }
        }
    }

    // struct msghdr and struct iovec on LP64 Linux (x86-64, arm64).
    private static final int MSGHDR_SIZE = 56;
    private static final int MSGHDR_NAMELEN = 8;
    private static final int MSGHDR_IOV = 16;
    private static final int MSGHDR_IOVLEN = 24;
    private static final int MSGHDR_CONTROL = 32;
    private static final int MSGHDR_CONTROLLEN = 40;
    private static final int MSGHDR_FLAGS = 48;
    private static final int IOVEC_SIZE = 16;

    private static long address(ByteBuffer b) {
        if (!b.isDirect()) {
            throw new IllegalArgumentException("buffer must be direct");
        }
        return Pointer.wrap(RUNTIME, b.slice()).address(); // slice: address of the position, whatever jnr does
    }

    private static ByteBuffer iovecs(ByteBuffer[] iov) {
        ByteBuffer v = ByteBuffer.allocateDirect(IOVEC_SIZE * Math.max(1, iov.length)).order(ByteOrder.nativeOrder());
        for (int i = 0; i < iov.length; i++) {
            v.putLong(i * IOVEC_SIZE, address(iov[i]));
            v.putLong(i * IOVEC_SIZE + 8, iov[i].remaining());
        }
        return v;
    }

    private static ByteBuffer msghdr(ByteBuffer name, ByteBuffer iovecs, int iovLen, ByteBuffer control) {
        ByteBuffer h = ByteBuffer.allocateDirect(MSGHDR_SIZE).order(ByteOrder.nativeOrder());
        if (name != null) {
            h.putLong(0, address(name));
            h.putInt(MSGHDR_NAMELEN, name.remaining());
        }
        h.putLong(MSGHDR_IOV, address(iovecs));
        h.putLong(MSGHDR_IOVLEN, iovLen);
        if (control != null) {
            h.putLong(MSGHDR_CONTROL, address(control));
            h.putLong(MSGHDR_CONTROLLEN, control.remaining());
        }
        return h;
    }

    public static void setsockoptInt(int fd, int level, int option, int value) {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        v.putInt(0, value);
        int rc = API.setsockopt(fd, level, option, v, 4);
        check("setsockopt(" + level + "," + option + ")", rc);
    }

    public static void setsockopt(int fd, int level, int option, ByteBuffer value) {
        int rc = API.setsockopt(fd, level, option, value, value.remaining());
        check("setsockopt(" + level + "," + option + ")", rc);
    }

    public static int getsockoptInt(int fd, int level, int option) {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        IntByReference len = new IntByReference(4);
        int rc = API.getsockopt(fd, level, option, v, len);
        check("getsockopt(" + level + "," + option + ")", rc);
        return v.getInt(0);
    }

    public static void close(int fd) {
        // No retry on EINTR: on Linux the descriptor is released even then, and a retry could close another one.
        // Health checks close thousands of sockets a second: the direct call.
        if (HotCalls.close(fd) < 0) {
            int err = HotCalls.errno();
            if (err != Errno.EINTR) {
                throw new ErrnoException("close", err);
            }
        }
    }

    /** Interface index for a name, or throws ErrnoException (ENODEV) when there is none. */
    public static int ifNameToIndex(String name) {
        int idx = API.if_nametoindex(name);
        if (idx == 0) {
            throw new ErrnoException("if_nametoindex(" + name + ")", errno());
        }
        return idx;
    }

    public static int open(String path, int flags) {
        int rc = API.open(path, flags);
        if (rc < 0) {
            throw new ErrnoException("open(" + path + ")", errno());
        }
        return rc;
    }

    /** Moves the calling thread (only) into the namespace referred to by {@code fd}. */
    public static void setns(int fd, int nstype) {
        int rc = API.setns(fd, nstype);
        check("setns", rc);
    }

    public static int getpid() {
        return API.getpid();
    }
}
