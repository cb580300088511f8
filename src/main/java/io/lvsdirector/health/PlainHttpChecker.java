package io.lvsdirector.health;

import io.lvsdirector.model.HttpCheckSpec;
import io.lvsdirector.netlink.Epoll;
import io.lvsdirector.netlink.Errno;
import io.lvsdirector.netlink.ErrnoException;
import io.lvsdirector.netlink.TcpConnector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * HTTP GET checks (without TLS) on plain descriptors, on the {@link ConnectLoop}s the TCP checks use: a connect
 * on a socket kept from the last check ({@link TcpSocketPool}), the request in one send, the response read as
 * it arrives ({@link HttpResponseReader}), and a disconnect that resets the connection and readies the socket
 * for the next check. Each check is a new connection (a kept-alive one would not say whether the server still
 * accepts new ones), but not a new socket, pipeline or buffer: a routine check is a connect, a send, one or
 * two receives and the disconnect, about a third of the system calls of the same check through Netty and the
 * JDK, with no hand-over between threads. Up when the status is expected and the body, if asked for, matches;
 * the body is read only then, up to {@link HttpChecker#MAX_BODY_BYTES}. HTTPS stays with {@link HttpChecker}.
 *
 * <p>The disconnect sends RST: neither side keeps a socket in TIME_WAIT for each check (HAProxy's checks end
 * the same way). The socket holds back the handshake's last ACK ({@link TcpConnector#withholdHandshakeAck}),
 * and the request, sent as soon as the connect completes, carries it.
 */
final class PlainHttpChecker implements Checker {

    private static final Logger LOG = Logger.getLogger(PlainHttpChecker.class);
    /**
     * Epoll events of the checks' sockets: the connect's completion and a writable socket, the response, and
     * the server's end of the connection.
     */
    private static final int EVENTS = Epoll.EPOLLOUT | Epoll.EPOLLIN | Epoll.EPOLLRDHUP;
    /** Events after which the socket's data is followed by its end: read until it. */
    private static final int ENDED = Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR;
    /** Readers kept idle on a loop beyond this many are dropped. */
    private static final int MAX_IDLE_READERS = 64;

    private final ConnectLoops loops;
    /** Each loop's receive buffer and idle readers; used on that loop only. */
    private final Map<ConnectLoop, LoopState> loopStates = new ConcurrentHashMap<>();

    PlainHttpChecker(ConnectLoops loops) {
        this.loops = loops;
    }

    @Override
    public ProbeLoop loopFor(ProbeTarget target) {
        return loops.next();
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        Promise<CheckResult> promise = Promise.promise();
        new HttpProbe(target).start(promise::complete);
        return promise.future();
    }

    @Override
    public Probe probe(ProbeTarget target) {
        return new HttpProbe(target);
    }

    /**
     * The request of a check: a GET of {@code path} with the Host header, asking the server to close the
     * connection after its response. Bytes of the path outside printable ASCII are percent-encoded.
     */
    static byte[] request(String path, String host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 + path.length() + host.length());
        out.writeBytes("GET ".getBytes(StandardCharsets.US_ASCII));
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            if (b > 0x20 && b < 0x7f) {
                out.write(b);
            } else {
                out.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.writeBytes((" HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: lvs-director-health\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** What the probes on one loop share, one at a time. */
    private static final class LoopState {
        final byte[] received = new byte[16 * 1024];
        final ArrayDeque<HttpResponseReader> idleReaders = new ArrayDeque<>();

        HttpResponseReader reader(boolean wantBody) {
            HttpResponseReader reader = idleReaders.poll();
            if (reader == null) {
                reader = new HttpResponseReader(HttpChecker.MAX_BODY_BYTES);
            }
            reader.reset(wantBody);
            return reader;
        }

        void release(HttpResponseReader reader) {
            if (idleReaders.size() < MAX_IDLE_READERS) {
                reader.reset(false); // drops a large body's buffer
                idleReaders.push(reader);
            }
        }
    }

    /** The checks of one target, one at a time, each on the loop it was started from. */
    private final class HttpProbe implements Probe, ConnectLoop.Readiness {
        final ProbeTarget target;
        final HttpCheckSpec spec;
        final byte[] request;
        final BodyMatcher body;
        final Runnable onTimeout = this::timedOut;
        InetAddress address;
        InetAddress source;
        /** The sockets and shared state of {@link #stateLoop} for this target's family and source. */
        TcpSocketPool pool;
        LoopState state;
        ConnectLoop stateLoop;
        // The run in progress:
        Consumer<CheckResult> done;
        long start;
        ConnectLoop loop;
        int fd = -1;
        ProbeLoop.Timer timeout;
        boolean finished = true;
        boolean connected;
        int sent;
        HttpResponseReader reader;

        HttpProbe(ProbeTarget target) {
            this.target = target;
            this.spec = target.check().http();
            this.body = BodyMatcher.of(spec.bodyPattern(), spec.bodyDigest());
            String host = spec.host() != null ? spec.host() : HttpChecker.hostLiteral(target.address(),
                    target.port(), false);
            this.request = request(spec.path(), host);
        }

        @Override
        public void start(Consumer<CheckResult> done) {
            ConnectLoop here = loops.current();
            if (here != null) {
                run(here, done);
            } else { // not started from a probe stream of ours (a test, a one-off check): hand it to a loop
                ConnectLoop loop = loops.next();
                loop.execute(() -> run(loop, done));
            }
        }

        private void run(ConnectLoop loop, Consumer<CheckResult> done) {
            this.loop = loop;
            this.done = done;
            this.start = System.nanoTime();
            this.fd = -1;
            this.timeout = null;
            this.finished = false;
            this.connected = false;
            this.sent = 0;
            if (loop.isClosed()) {
                finish("checker closed");
                return;
            }
            try {
                if (address == null) {
                    String from = target.check().sourceAddress();
                    source = from == null ? null : InetAddress.getByName(from);
                    address = InetAddress.getByName(target.address());
                }
                if (stateLoop != loop) {
                    pool = loop.socketPool(address, source, EVENTS);
                    state = loopStates.computeIfAbsent(loop, l -> new LoopState());
                    stateLoop = loop;
                }
                reader = state.reader(body.needsBody());
                fd = pool.take();
                int errno = loop.connector().connect(fd, address, target.port());
                if (errno != 0 && errno != Errno.EINPROGRESS) {
                    finish("connect: " + Errno.describe(errno));
                    return;
                }
                timeout = loop.setTimer(target.check().timeoutMs(), onTimeout);
                if (errno == 0) {
                    connected = true;
                    send(0);
                } else {
                    loop.arm(fd, this);
                }
            } catch (UnknownHostException | RuntimeException e) {
                finish(ErrorText.of(e));
            }
        }

        private void timedOut() {
            finish(connected ? "no response within " + target.check().timeoutMs() + " ms"
                    : "connect timed out after " + target.check().timeoutMs() + " ms");
        }

        /**
         * The socket is ready, or the loop closed under it (no events). The socket's events are edge-triggered
         * and carry all it is ready for, so what they mean depends on how far the check has come.
         */
        @Override
        public void ready(int events) {
            if (events == 0 || loop.isClosed()) {
                finish("checker closed");
                return;
            }
            try {
                if (!connected) {
                    if ((events & (Epoll.EPOLLERR | Epoll.EPOLLHUP)) != 0) {
                        int errno = loop.connector().pendingError(fd);
                        finish(errno != 0 ? "connect: " + Errno.describe(errno)
                                : "connect: the connection was closed while being set up");
                    } else if ((events & Epoll.EPOLLOUT) != 0) {
                        connected = true;
                        send(events);
                    } else {
                        loop.arm(fd, this);
                    }
                } else if (sent < request.length) {
                    send(events);
                } else {
                    receive(events);
                }
            } catch (RuntimeException e) {
                finish(ErrorText.of(e));
            }
        }

        /** Sends what is left of the request; then waits for the response, or reads what is already there. */
        private void send(int events) {
            try {
                sent += loop.connector().send(fd, request, sent, request.length - sent);
            } catch (ErrnoException e) {
                finish("send: " + Errno.describe(e.errno()));
                return;
            }
            if (sent == request.length && (events & (Epoll.EPOLLIN | ENDED)) != 0) {
                receive(events); // the server spoke or closed first: that event will not come again
            } else {
                loop.arm(fd, this);
            }
        }

        /**
         * Reads until the response is complete, the socket holds no more, or the connection ends. A read short of
         * the buffer has emptied the socket, so the next event comes with more data (no read just to see EAGAIN),
         * unless {@code events} say the server had closed already: no event comes for an end already there.
         */
        private void receive(int events) {
            byte[] buffer = state.received;
            boolean ended = (events & ENDED) != 0;
            try {
                while (true) {
                    int n = loop.connector().receive(fd, buffer);
                    if (n == TcpConnector.NOTHING_YET) {
                        loop.arm(fd, this);
                        return;
                    }
                    if (n == 0) {
                        reader.end();
                        judge();
                        return;
                    }
                    if (reader.take(buffer, 0, n)) {
                        judge();
                        return;
                    }
                    if (n < buffer.length && !ended) {
                        loop.arm(fd, this);
                        return;
                    }
                }
            } catch (ErrnoException e) {
                finish("recv: " + Errno.describe(e.errno()));
            } catch (HttpResponseReader.BadResponse e) {
                finish(e.getMessage());
            }
        }

        private void judge() {
            int status = reader.status();
            if (!spec.expectStatus().contains(status)) {
                finish("status " + status + ", expected " + spec.expectStatus());
            } else {
                finish(body.needsBody() ? body.mismatch(reader.body()) : null);
            }
        }

        /** Hands the socket and the reader back and reports; null error = up. Only the first call of a run counts. */
        private void finish(String error) {
            if (finished) {
                return;
            }
            finished = true;
            if (timeout != null) {
                timeout.cancel();
            }
            if (fd >= 0) {
                pool.release(fd);
                fd = -1;
            }
            if (reader != null) {
                state.release(reader);
                reader = null;
            }
            long latency = System.nanoTime() - start;
            try {
                done.accept(error == null ? CheckResult.up(latency) : CheckResult.down(latency, error));
            } catch (RuntimeException e) {
                LOG.debug("probe listener failed", e); // a listener failed: not this loop's problem
            }
        }
    }
}
