package io.lvsdirector.health;

import io.lvsdirector.model.HttpCheckSpec;
import io.lvsdirector.netlink.Epoll;
import io.lvsdirector.netlink.Errno;
import io.lvsdirector.netlink.ErrnoException;
import io.lvsdirector.netlink.TcpConnector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP GET checks (without TLS) on plain descriptors, on the {@link ConnectLoop}s the TCP checks use: a connect
 * on a socket kept from the last check ({@link TcpSocketPool}), the request in one send, the response read as
 * it arrives ({@link HttpResponseReader}), and a disconnect that resets the connection and readies the socket
 * for the next check. Each check is a new connection (a kept-alive one would not say whether the server still
 * accepts new ones), but not a new socket, pipeline or buffer: a routine check is a connect, a send, one or
 * two receives and the disconnect, about a third of the system calls of the same check through Netty and the
 * JDK, with no hand-over between threads. Up when the status is expected and the body, if asked for, matches
 * (up to {@link HttpChecker#MAX_BODY_BYTES}). The response is read to the end of its body even when nobody
 * asked for the body, so that the server has written all of it before the reset: a reset in the middle would
 * make its write fail, and servers log that (Python's http.server a traceback). HTTPS stays with
 * {@link HttpChecker}.
 *
 * <p>The disconnect sends RST: neither side keeps a socket in TIME_WAIT for each check. The socket holds back
 * the handshake's last ACK ({@link TcpConnector#withholdHandshakeAck}), and the request, sent as soon as the
 * connect completes, carries it.
 */
final class PlainHttpChecker extends ConnectLoopChecker {

    /**
     * Epoll events of the checks' sockets: the connect's completion and a writable socket, the response, and
     * the server's end of the connection.
     */
    private static final int EVENTS = Epoll.EPOLLOUT | Epoll.EPOLLIN | Epoll.EPOLLRDHUP;
    /** Events after which the socket's data is followed by its end: read until it. */
    private static final int ENDED = Epoll.EPOLLRDHUP | Epoll.EPOLLHUP | Epoll.EPOLLERR;
    /** Readers kept idle on a loop beyond this many are dropped. */
    private static final int MAX_IDLE_READERS = 64;

    /** Each loop's receive buffer and idle readers; used on that loop only. */
    private final Map<ConnectLoop, LoopState> loopStates = new ConcurrentHashMap<>();

    PlainHttpChecker(ConnectLoops loops) {
        super(loops);
    }

    @Override
    public SocketProbe probe(ProbeTarget target) {
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
        String rest = " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: lvs-director-health\r\nConnection: close\r\n\r\n";
        out.writeBytes(rest.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** What the probes on one loop share, one at a time. */
    private static final class LoopState {
        final byte[] received = new byte[16 * 1024];
        final ArrayDeque<HttpResponseReader> idleReaders = new ArrayDeque<>();

        HttpResponseReader reader(boolean keepBody) {
            HttpResponseReader reader = idleReaders.poll();
            if (reader == null) {
                reader = new HttpResponseReader(HttpChecker.MAX_BODY_BYTES);
            }
            reader.reset(keepBody);
            return reader;
        }

        void release(HttpResponseReader reader) {
            if (idleReaders.size() < MAX_IDLE_READERS) {
                reader.reset(false); // drops a large body's buffer
                idleReaders.push(reader);
            }
        }
    }

    /** The checks of one target: a request, and its response read to its end. */
    private final class HttpProbe extends SocketProbe {
        final HttpCheckSpec spec;
        final byte[] request;
        final BodyMatcher body;
        /** The shared state of {@link #stateLoop}. */
        LoopState state;
        ConnectLoop stateLoop;
        // The run in progress:
        int sent;
        HttpResponseReader reader;

        HttpProbe(ProbeTarget target) {
            super(loops, target, EVENTS);
            this.spec = target.check().http();
            this.body = BodyMatcher.of(spec.bodyPattern(), spec.bodyDigest());
            String host = spec.host() != null ? spec.host() : HttpChecker.hostLiteral(target.address(),
                    target.port(), 80);
            this.request = request(spec.path(), host);
        }

        @Override
        void starting() {
            if (stateLoop != loop) {
                state = loopStates.computeIfAbsent(loop, l -> new LoopState());
                stateLoop = loop;
            }
            sent = 0;
            reader = state.reader(body.needsBody());
        }

        @Override
        void connected(int events) {
            send(events);
        }

        /** Edge-triggered events carry all the socket is ready for: what they mean depends on how far the run is. */
        @Override
        void exchange(int events) {
            if (sent < request.length) {
                send(events);
            } else {
                receive(events);
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

        @Override
        void ended(String error) {
            if (reader != null) {
                state.release(reader);
                reader = null;
            }
        }
    }
}
