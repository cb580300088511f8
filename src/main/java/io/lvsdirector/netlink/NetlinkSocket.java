package io.lvsdirector.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A netlink socket talking to the kernel: request/ACK with sequence numbers, multi-part dumps, batches of
 * requests in a single sendto, and multicast group membership for notifications.
 *
 * <p>Thread-safety: every public method is synchronized on the socket, so one socket may be shared, but
 * requests are then serialised; give each busy thread its own socket for parallelism. A socket belongs to the
 * network namespace of the thread that opened it, whichever thread uses it later (see {@link NetworkNamespace}).
 *
 * <p>Options set at open: NETLINK_EXT_ACK (kernel error messages), NETLINK_CAP_ACK (ACKs do not echo the request
 * payload, which keeps big batches' ACKs small), a 1 MiB receive buffer (SO_RCVBUFFORCE when permitted) and a
 * receive timeout so a lost reply cannot hang a caller forever.
 */
public final class NetlinkSocket implements AutoCloseable {

    /** SO_RCVBUF asked for at open; the kernel doubles it for bookkeeping. */
    public static final int SOCKET_BUFFER_BYTES = 1 << 20;
    /**
     * User-space receive buffer. Kernel dump datagrams are at most 32 KiB, but single replies can be larger;
     * MSG_TRUNC tells us when one did not fit.
     */
    public static final int RECEIVE_BUFFER_BYTES = 256 * 1024;
    /** Default requests per sendto in {@link #batch(List)}: bounded so the ACKs fit in the receive queue. */
    public static final int DEFAULT_BATCH_SIZE = 256;
    /** Upper bound on bytes per sendto; the kernel refuses messages larger than the socket send buffer. */
    private static final int MAX_SEND_BYTES = 256 * 1024;
    private static final int DUMP_ATTEMPTS = 3;
    private static final int SOCKADDR_NL_LEN = 12;

    private final int fd;
    private final int protocol;
    private final int portId;
    private final ByteBuffer kernelAddr;
    private final ByteBuffer fromAddr = direct(SOCKADDR_NL_LEN);
    private ByteBuffer recvBuf;
    private ByteBuffer sendBuf = direct(16 * 1024);
    private int nextSeq = 1;
    private boolean closed;
    private long sendCalls;
    private long messagesSent;
    private long receiveCalls;

    /** Counters for benchmarks and tests ("one weight change is exactly one netlink write"). */
    public record Stats(long sendCalls, long messagesSent, long receiveCalls) {
    }

    private NetlinkSocket(int fd, int protocol, int receiveBufferBytes) {
        this.fd = fd;
        this.protocol = protocol;
        this.recvBuf = direct(receiveBufferBytes);
        this.kernelAddr = sockaddrNl(0, 0);
        try {
            configure();
            LibC.bind(fd, sockaddrNl(0, 0)); // port id 0: the kernel picks a unique one
            ByteBuffer local = direct(SOCKADDR_NL_LEN);
            LibC.getsockname(fd, local);
            this.portId = local.getInt(4);
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    /** Opens and binds a netlink socket, e.g. {@code open(Netlink.NETLINK_GENERIC)}. */
    public static NetlinkSocket open(int protocol) {
        return open(protocol, RECEIVE_BUFFER_BYTES);
    }

    /**
     * Opens with a specific user-space receive buffer. The kernel sizes dump datagrams after the reader's buffer
     * (at least one page), so a small buffer means more, smaller datagrams; one that cannot hold a datagram makes
     * the request fail with EMSGSIZE, after which the buffer is grown.
     */
    public static NetlinkSocket open(int protocol, int receiveBufferBytes) {
        if (receiveBufferBytes < Netlink.NLMSG_HDRLEN) {
            throw new IllegalArgumentException("receive buffer too small: " + receiveBufferBytes);
        }
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        return new NetlinkSocket(fd, protocol, receiveBufferBytes);
    }

    /** A snapshot of the send/receive counters since open. */
    public synchronized Stats stats() {
        return new Stats(sendCalls, messagesSent, receiveCalls);
    }

    private void configure() {
        try {
            LibC.setsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, SOCKET_BUFFER_BYTES);
        } catch (ErrnoException e) {
            LibC.setsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, SOCKET_BUFFER_BYTES); // capped by rmem_max
        }
        try {
            LibC.setsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, SOCKET_BUFFER_BYTES);
        } catch (ErrnoException e) {
            LibC.setsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        }
        // Both are optional: older kernels lack them (ENOPROTOOPT), and we only lose error text / ACK size.
        trySetNetlinkOption(Netlink.NETLINK_EXT_ACK);
        trySetNetlinkOption(Netlink.NETLINK_CAP_ACK);
        setReceiveTimeout(Duration.ofSeconds(30));
    }

    private void trySetNetlinkOption(int option) {
        try {
            LibC.setsockoptInt(fd, Netlink.SOL_NETLINK, option, 1);
        } catch (ErrnoException ignored) {
            // feature absent in this kernel
        }
    }

    public int protocol() {
        return protocol;
    }

    /** The port id (nl_pid) the kernel assigned to this socket. */
    public int portId() {
        return portId;
    }

    /** Bytes the kernel actually reserved for the receive queue (after doubling and capping). */
    public int kernelReceiveBufferBytes() {
        return LibC.getsockoptInt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF);
    }

    /** How long a receive may block; zero means forever. */
    public synchronized void setReceiveTimeout(Duration timeout) {
        ByteBuffer tv = direct(16); // struct timeval {long tv_sec; long tv_usec} on 64-bit Linux
        tv.putLong(0, timeout.getSeconds());
        tv.putLong(8, timeout.getNano() / 1000L);
        LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv);
    }

    /** Subscribes to a multicast group (e.g. RTNLGRP_LINK); notifications then arrive via {@link #receive()}. */
    public void joinGroup(int group) {
        LibC.setsockoptInt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, group);
    }

    public void leaveGroup(int group) {
        LibC.setsockoptInt(fd, Netlink.SOL_NETLINK, Netlink.NETLINK_DROP_MEMBERSHIP, group);
    }

    // ---------------------------------------------------------------- requests

    /** Sends a request with NLM_F_ACK and waits for its ACK; throws {@link NetlinkException} on an error. */
    public void execute(String operation, MessageBuilder request) {
        request(operation, request);
    }

    /**
     * Sends a request with NLM_F_ACK and returns the replies that arrive before the ACK (e.g. the answer to a
     * GET). Throws {@link NetlinkException} when the kernel answers with an error.
     */
    public synchronized List<NlMsg> request(String operation, MessageBuilder request) {
        int seq = takeSeq();
        send(List.of(request.addFlags(Netlink.NLM_F_ACK).seq(seq).pid(0).build()));
        return converse(new Exchange(operation, seq), operation).replies();
    }

    /**
     * Runs a dump (NLM_F_DUMP) and returns every message up to NLMSG_DONE. If the kernel flags the dump as
     * interrupted (NLM_F_DUMP_INTR: the table changed meanwhile) it is repeated, up to 3 times in all, then
     * {@link DumpInterruptedException} is thrown.
     */
    public synchronized List<NlMsg> dump(String operation, MessageBuilder request) {
        request.addFlags(Netlink.NLM_F_DUMP);
        for (int attempt = 1; ; attempt++) {
            int seq = takeSeq();
            send(List.of(request.seq(seq).pid(0).build()));
            Exchange ex = converse(new Exchange(operation, seq), operation);
            if (!ex.interrupted()) {
                return ex.replies();
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new DumpInterruptedException(operation, attempt);
            }
        }
    }

    private Exchange converse(Exchange ex, String operation) {
        while (true) {
            for (NlMsg m : receiveFromKernel(operation)) {
                if (ex.accept(m)) {
                    return ex;
                }
            }
        }
    }

    /** {@link #batch(List, int)} with {@link #DEFAULT_BATCH_SIZE}. */
    public List<BatchResult> batch(List<MessageBuilder> requests) {
        return batch(requests, DEFAULT_BATCH_SIZE);
    }

    /**
     * Sends many requests with few system calls: up to {@code perSend} messages (and at most 256 KiB) share one
     * sendto, each with NLM_F_ACK and its own sequence number. The kernel processes them in order and keeps
     * going after a failed one, so the result holds one ACK or error per request, in request order. Nothing is
     * thrown for per-request errors; inspect {@link BatchResult#ok()}.
     */
    public synchronized List<BatchResult> batch(List<MessageBuilder> requests, int perSend) {
        if (perSend < 1) {
            throw new IllegalArgumentException("perSend must be >= 1");
        }
        List<BatchResult> results = new ArrayList<>(requests.size());
        int i = 0;
        while (i < requests.size()) {
            List<byte[]> chunk = new ArrayList<>();
            Map<Integer, Integer> indexBySeq = new HashMap<>();
            int bytes = 0;
            while (i < requests.size() && chunk.size() < perSend) {
                int seq = takeSeq();
                byte[] m = requests.get(i).addFlags(Netlink.NLM_F_ACK).seq(seq).pid(0).build();
                if (!chunk.isEmpty() && bytes + m.length > MAX_SEND_BYTES) {
                    nextSeq = seq; // give the number back; this request opens the next chunk
                    break;
                }
                chunk.add(m);
                indexBySeq.put(seq, i);
                bytes += Netlink.align(m.length);
                i++;
            }
            send(chunk);
            collectAcks(indexBySeq, results);
        }
        results.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return results;
    }

    private void collectAcks(Map<Integer, Integer> indexBySeq, List<BatchResult> results) {
        Map<Integer, List<NlMsg>> replies = new HashMap<>();
        int pending = indexBySeq.size();
        while (pending > 0) {
            for (NlMsg m : receiveFromKernel("batch")) {
                Integer index = indexBySeq.get(m.seq());
                if (index == null) {
                    continue;
                }
                if (m.type() == Netlink.NLMSG_ERROR) {
                    results.add(new BatchResult(index, m.seq(), NlError.parse(m),
                            List.copyOf(replies.getOrDefault(m.seq(), List.of()))));
                    indexBySeq.remove(m.seq());
                    pending--;
                } else if (m.type() != Netlink.NLMSG_NOOP) {
                    replies.computeIfAbsent(m.seq(), k -> new ArrayList<>()).add(m);
                }
            }
        }
    }

    /**
     * Waits (up to the receive timeout) for one datagram from the kernel and returns its messages; for
     * multicast notifications. Throws {@link ErrnoException} ENOBUFS when the kernel had to drop notifications
     * because the queue was full (the caller should resynchronise with a dump).
     */
    public synchronized List<NlMsg> receive() {
        return receiveFromKernel("receive");
    }

    // ---------------------------------------------------------------- I/O

    private int takeSeq() {
        int s = nextSeq++;
        if (nextSeq == 0) {
            nextSeq = 1; // 0 is what notifications carry
        }
        return s;
    }

    private void send(List<byte[]> messages) {
        ensureOpen();
        int total = 0;
        for (byte[] m : messages) {
            total += Netlink.align(m.length);
        }
        if (sendBuf.capacity() < total) {
            sendBuf = direct(Math.max(total, sendBuf.capacity() * 2));
        }
        ByteBuffer b = sendBuf.clear();
        for (byte[] m : messages) {
            b.put(m);
            for (int p = m.length; p < Netlink.align(m.length); p++) {
                b.put((byte) 0);
            }
        }
        b.flip();
        long sent = LibC.sendto(fd, b, 0, kernelAddr);
        sendCalls++;
        messagesSent += messages.size();
        if (sent != total) {
            throw new NetlinkException("short netlink send: " + sent + " of " + total + " bytes", Errno.EIO);
        }
    }

    /** One datagram from the kernel (nl_pid 0), parsed; datagrams from other sockets are ignored. */
    private List<NlMsg> receiveFromKernel(String operation) {
        ensureOpen();
        while (true) {
            ByteBuffer b = recvBuf.clear();
            fromAddr.clear();
            long n;
            try {
                n = LibC.recvfrom(fd, b, LibC.MSG_TRUNC, fromAddr);
                receiveCalls++;
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EAGAIN) {
                    throw new NetlinkException(operation + ": no reply from the kernel within the receive timeout",
                            Errno.ETIMEDOUT);
                }
                throw e;
            }
            if (n > recvBuf.capacity()) {
                // The rest of the datagram is gone: grow so the next attempt fits, drain what is left of this
                // conversation (a dump still "running" would make the next dump fail with EBUSY), fail loudly.
                recvBuf = direct((int) Math.min(Integer.MAX_VALUE - 8, Netlink.align((int) n) * 2L));
                drainPending();
                throw new NetlinkException(operation + ": reply of " + n + " bytes was truncated", Errno.EMSGSIZE);
            }
            if (fromAddr.getInt(4) != 0) {
                continue; // sent by another user-space socket, not the kernel
            }
            b.position(0).limit((int) n);
            return NlMsg.parseAll(b);
        }
    }

    /**
     * Reads and discards whatever is queued, without blocking. Reading is what makes the kernel produce the next
     * part of a dump (synchronously, inside recvmsg), so this also runs an abandoned dump to its end.
     */
    private void drainPending() {
        while (true) {
            try {
                LibC.recvfrom(fd, recvBuf.clear(), LibC.MSG_TRUNC | LibC.MSG_DONTWAIT, fromAddr.clear());
                receiveCalls++;
            } catch (ErrnoException e) {
                return; // EAGAIN: nothing left (any other error: nothing more to salvage either)
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("netlink socket is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.close(fd);
        }
    }

    private static ByteBuffer direct(int n) {
        return ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
    }

    private static ByteBuffer sockaddrNl(int pid, int groups) {
        ByteBuffer a = direct(SOCKADDR_NL_LEN);
        a.putShort(0, (short) LibC.AF_NETLINK);
        a.putShort(2, (short) 0);
        a.putInt(4, pid);
        a.putInt(8, groups);
        return a;
    }
}
