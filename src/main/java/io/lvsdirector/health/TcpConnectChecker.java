package io.lvsdirector.health;

import io.lvsdirector.netlink.Epoll;
import io.lvsdirector.netlink.Errno;
import io.lvsdirector.netlink.TcpConnector;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * TCP connect checks on plain descriptors, on a few {@link ConnectLoop}s shared by all checks.
 * A connect check needs no pipeline, codec or buffer: here it is a socket, a connect, one readiness event and
 * a close (SO_ERROR is read only when the event says the connect failed), made as direct system calls
 * ({@link TcpConnector}), about half the calls a JDK socket channel makes for the same (at thousands of checks
 * a second those calls are most of the CPU). Probe streams of TCP checks live on these loops ({@link #loopFor}),
 * so the timer, the connect, its completion and the next timer all happen on one thread. The connection is
 * closed with RST (SO_LINGER 0) so that checks leave no TIME_WAIT sockets behind.
 */
final class TcpConnectChecker implements Checker, AutoCloseable {

    private final List<ConnectLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    TcpConnectChecker(int threads) {
        loops = IntStream.range(0, threads).mapToObj(i -> new ConnectLoop("health-tcp-connect-" + i)).toList();
    }

    /** The next loop in turn: the home of a new TCP probe stream. */
    @Override
    public ProbeLoop loopFor(ProbeTarget target) {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        Attempt attempt = new Attempt(target);
        ConnectLoop here = null;
        for (ConnectLoop loop : loops) {
            if (loop.inLoop()) {
                here = loop;
            }
        }
        if (here != null) {
            attempt.start(here);
        } else { // not called from a probe stream of ours (a test, a one-off check): hand it to a loop
            ConnectLoop loop = (ConnectLoop) loopFor(target);
            loop.execute(() -> attempt.start(loop));
        }
        return attempt.promise.future();
    }

    @Override
    public void close() {
        loops.forEach(ConnectLoop::close);
    }

    /** One connect in flight, on one loop. */
    private static final class Attempt implements ConnectLoop.Readiness {
        final Promise<CheckResult> promise = Promise.promise();
        final ProbeTarget target;
        final long start = System.nanoTime();
        ConnectLoop loop;
        int fd = -1;
        ProbeLoop.Timer timeout;
        boolean done;

        Attempt(ProbeTarget target) {
            this.target = target;
        }

        void start(ConnectLoop loop) {
            this.loop = loop;
            if (loop.isClosed()) {
                finish("checker closed");
                return;
            }
            try {
                InetAddress address = InetAddress.getByName(target.address()); // an IP literal: no lookup
                TcpConnector connector = loop.connector();
                fd = connector.open(address); // of the target's own family: no dual-stack socket to set up
                connector.resetOnClose(fd);
                if (target.check().sourceAddress() != null) {
                    connector.bind(fd, InetAddress.getByName(target.check().sourceAddress()));
                }
                int errno = connector.connect(fd, address, target.port());
                if (errno != Errno.EINPROGRESS) {
                    finish(errno == 0 ? null : "connect: " + Errno.describe(errno));
                    return;
                }
                loop.watch(fd, Epoll.EPOLLOUT, this);
                int timeoutMs = target.check().timeoutMs();
                timeout = loop.setTimer(timeoutMs, () -> finish("connect timed out after " + timeoutMs + " ms"));
            } catch (UnknownHostException | RuntimeException e) {
                finish(ErrorText.of(e));
            }
        }

        /** The connect completed (or failed), or the loop closed under it (no events). */
        @Override
        public void ready(int events) {
            if (events == 0 || loop.isClosed()) {
                finish("checker closed");
                return;
            }
            if ((events & (Epoll.EPOLLERR | Epoll.EPOLLHUP)) == 0) {
                // Writable and no error: connected. Linux reports a failed connect with EPOLLERR and a connect
                // still in progress as not writable, so the SO_ERROR call is needed only for the error's name.
                finish(null);
                return;
            }
            String error;
            try {
                int errno = loop.connector().pendingError(fd);
                error = errno != 0 ? "connect: " + Errno.describe(errno)
                        : "connect: the connection was closed while being set up";
            } catch (RuntimeException e) {
                error = ErrorText.of(e);
            }
            finish(error);
        }

        /** Closes the socket and reports; null error = connected. Only the first call counts. */
        void finish(String error) {
            if (done) {
                return;
            }
            done = true;
            if (timeout != null) {
                timeout.cancel();
            }
            if (fd >= 0) {
                loop.unwatch(fd);
                try {
                    loop.connector().close(fd);
                } catch (RuntimeException ignored) {
                    // the outcome is already known
                }
            }
            long latency = System.nanoTime() - start;
            try {
                promise.complete(error == null ? CheckResult.up(latency) : CheckResult.down(latency, error));
            } catch (RuntimeException e) {
                // a listener failed: not this loop's problem
                Logger.getLogger(TcpConnectChecker.class).debug("probe listener failed", e);
            }
        }
    }
}
