package io.lvsdirector.netlink;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import java.nio.ByteBuffer;

/**
 * The libc calls that health checks make thousands of times a second (connect, getsockopt, send, recv, epoll_wait;
 * socket, close and epoll_ctl when a check socket is opened or closed), made through jffi, the layer under jnr-ffi,
 * with primitive arguments. jnr-ffi's binding without runtime class generation (see {@link LibC#load}) goes
 * through a reflective proxy that boxes every argument and fills an invocation buffer on the heap: per check
 * that was a quarter of the checker's own (user-space) CPU. Here a call is one JNI call with its arguments in
 * registers.
 *
 * <p>Also setpriority, which start-up needs as early as possible: jffi alone loads in a fraction of the time that
 * binding jnr-ffi's libc interface takes.
 *
 * <p>Pointers are passed as addresses of direct buffers ({@link #address}), so the caller must keep the buffer
 * itself reachable until the call returns (a field, as in {@link TcpConnector}). Each call returns the raw result;
 * on -1 {@link #errno} must be read next, on the same thread, before any other native call.
 */
final class HotCalls {

    private static final Invoker INVOKER = Invoker.getInstance();
    private static final LastError LAST_ERROR = LastError.getInstance();
    private static final MemoryIO MEMORY = MemoryIO.getInstance();

    private static final CallContext INT_1 = context(Type.SINT);
    private static final CallContext INT_3 = context(Type.SINT, Type.SINT, Type.SINT);
    private static final CallContext INT_PTR_INT = context(Type.SINT, Type.POINTER, Type.SINT);
    private static final CallContext INT_3_PTR = context(Type.SINT, Type.SINT, Type.SINT, Type.POINTER);
    private static final CallContext INT_3_PTR_PTR = context(Type.SINT, Type.SINT, Type.SINT, Type.POINTER,
            Type.POINTER);
    private static final CallContext INT_PTR_INT_INT = context(Type.SINT, Type.POINTER, Type.SINT, Type.SINT);
    /** ssize_t f(int, void *, size_t, int): send and recv. */
    private static final CallContext SSIZE_INT_PTR_SIZE_INT = CallContext.getCallContext(Type.SLONG,
            new Type[] {Type.SINT, Type.POINTER, Type.ULONG, Type.SINT}, CallingConvention.DEFAULT, true);

    private static final long SOCKET = symbol("socket");
    private static final long GETSOCKOPT = symbol("getsockopt");
    private static final long CONNECT = symbol("connect");
    private static final long CLOSE = symbol("close");
    private static final long SEND = symbol("send");
    private static final long RECV = symbol("recv");
    private static final long EPOLL_CTL = symbol("epoll_ctl");
    private static final long EPOLL_WAIT = symbol("epoll_wait");
    private static final long SETPRIORITY = symbol("setpriority");

    private HotCalls() {
    }

    /** The native address of a direct buffer's first byte. */
    static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return MEMORY.getDirectBufferAddress(direct);
    }

    /** The errno the last call on this thread saved; read it right after the call that returned -1. */
    static int errno() {
        return LAST_ERROR.get();
    }

    static int socket(int domain, int type, int protocol) {
        return (int) INVOKER.invokeN3(INT_3, SOCKET, domain, type, protocol);
    }

    /** {@code lengthAddress} points to a socklen_t holding the value's size, which the call overwrites. */
    static int getsockopt(int fd, int level, int option, long value, long lengthAddress) {
        return (int) INVOKER.invokeN5(INT_3_PTR_PTR, GETSOCKOPT, fd, level, option, value, lengthAddress);
    }

    static int connect(int fd, long address, int length) {
        return (int) INVOKER.invokeN3(INT_PTR_INT, CONNECT, fd, address, length);
    }

    /** Returns the bytes sent, or -1. */
    static long send(int fd, long buffer, long length, int flags) {
        return INVOKER.invokeN4(SSIZE_INT_PTR_SIZE_INT, SEND, fd, buffer, length, flags);
    }

    /** Returns the bytes received, 0 at the end of the stream, or -1. */
    static long recv(int fd, long buffer, long length, int flags) {
        return INVOKER.invokeN4(SSIZE_INT_PTR_SIZE_INT, RECV, fd, buffer, length, flags);
    }

    static int close(int fd) {
        return (int) INVOKER.invokeN1(INT_1, CLOSE, fd);
    }

    static int epollCtl(int epfd, int op, int fd, long event) {
        return (int) INVOKER.invokeN4(INT_3_PTR, EPOLL_CTL, epfd, op, fd, event);
    }

    static int epollWait(int epfd, long events, int maxEvents, int timeoutMs) {
        return (int) INVOKER.invokeN4(INT_PTR_INT_INT, EPOLL_WAIT, epfd, events, maxEvents, timeoutMs);
    }

    static int setpriority(int which, int who, int nice) {
        return (int) INVOKER.invokeN3(INT_3, SETPRIORITY, which, who, nice);
    }

    /** A call returning int with these parameters, saving errno after each call. */
    private static CallContext context(Type... parameters) {
        return CallContext.getCallContext(Type.SINT, parameters, CallingConvention.DEFAULT, true);
    }

    private static long symbol(String name) {
        long address = Library.getDefault().getSymbolAddress(name);
        if (address == 0) {
            throw new UnsatisfiedLinkError("libc has no " + name + ": " + Library.getLastError());
        }
        return address;
    }
}
