package io.lvsdirector.health;

import io.lvsdirector.netlink.Epoll;
import io.lvsdirector.netlink.Errno;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * TCP connect checks on plain descriptors, on a few {@link ConnectLoop}s shared by all checks.
 * A connect check needs no pipeline, codec or buffer: here it is a connect on a socket kept from the last
 * check ({@link TcpSocketPool}), one readiness event, and a disconnect that readies the socket for the next
 * check. The socket holds back the handshake's last ACK, so the disconnect answers the server's SYN-ACK with
 * RST: the server's kernel drops the half-open connection (no socket made for it, none left in TIME_WAIT) and
 * its application never sees the check ({@link io.lvsdirector.netlink.TcpConnector#withholdHandshakeAck}).
 * SO_ERROR is read only when the event says the connect failed. These are direct system calls
 * ({@link io.lvsdirector.netlink.TcpConnector}), a fifth of those a JDK socket channel makes for the same (at
 * thousands of checks a second those calls are most of the CPU). Probe streams of TCP checks live on these
 * loops ({@link #loopFor}), so the timer, the connect, its completion and the next timer all happen on one
 * thread, and each stream reuses one {@link Probe} (no parsing, no future, no per-check objects beyond the
 * result).
 */
final class TcpConnectChecker implements Checker {

    private final ConnectLoops loops;
    /** Read once, in the network namespace the loops' threads inherit from this thread. */
    private final LocalPortRange localPorts = LocalPortRange.read();

    TcpConnectChecker(ConnectLoops loops) {
        this.loops = loops;
    }

    /** The next loop in turn: the home of a new TCP probe stream. */
    @Override
    public ProbeLoop loopFor(ProbeTarget target) {
        return loops.next();
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        Promise<CheckResult> promise = Promise.promise();
        new TcpProbe(target).start(promise::complete);
        return promise.future();
    }

    /** A stream's probe: its parsed addresses and its state are reused from run to run. */
    @Override
    public Probe probe(ProbeTarget target) {
        return new TcpProbe(target);
    }

    /** The connect checks of one target, one at a time, each on the loop it was started from. */
    private final class TcpProbe implements Probe, ConnectLoop.Readiness {
        final ProbeTarget target;
        /** Parsed on the first run (IP literals: no lookup), then kept. */
        InetAddress address;
        InetAddress source;
        /**
         * The target's port is one the kernel may pick as a local port, so a connect that succeeds may have met
         * itself (only possible for an address of this host, on a port nothing is bound to).
         */
        boolean mayMeetItself;
        /** The last run connected (and did not meet itself). */
        boolean lastConnected;
        /** The sockets of {@link #poolLoop} for this target's family and source. */
        TcpSocketPool pool;
        ConnectLoop poolLoop;
        final Runnable onTimeout = this::timedOut;
        // The run in progress:
        Consumer<CheckResult> done;
        long start;
        ConnectLoop loop;
        int fd = -1;
        ProbeLoop.Timer timeout;
        boolean finished = true;

        TcpProbe(ProbeTarget target) {
            this.target = target;
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
            if (loop.isClosed()) {
                finish("checker closed");
                return;
            }
            try {
                if (address == null) {
                    String from = target.check().sourceAddress();
                    source = from == null ? null : InetAddress.getByName(from);
                    address = InetAddress.getByName(target.address());
                    mayMeetItself = localPorts.contains(target.port());
                }
                if (poolLoop != loop) {
                    // of the target's own family: no dual-stack socket to set up
                    pool = loop.socketPool(address, source, Epoll.EPOLLOUT);
                    poolLoop = loop;
                }
                fd = pool.take();
                int errno = loop.connector().connect(fd, address, target.port());
                if (errno != Errno.EINPROGRESS) {
                    finish(errno == 0 ? connectedError() : "connect: " + Errno.describe(errno));
                    return;
                }
                loop.arm(fd, this);
                timeout = loop.setTimer(target.check().timeoutMs(), onTimeout);
            } catch (UnknownHostException | RuntimeException e) {
                finish(ErrorText.of(e));
            }
        }

        private void timedOut() {
            finish("connect timed out after " + target.check().timeoutMs() + " ms");
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
                finish(connectedError());
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

        /**
         * The error of a connect that succeeded: none, unless it met itself (nothing listens there). Checked when
         * the last run did not connect, so that meeting itself cannot bring a dead server up. After a run that
         * connected it is not (no extra system call per routine check): a connect meets itself about once in
         * tens of thousands of connects, and then only delays by one run the failure the next run sees.
         */
        private String connectedError() {
            if (!mayMeetItself || lastConnected) {
                return null;
            }
            try {
                return loop.connector().connectedToItself(fd, address, target.port())
                        ? "connect: connected to itself (nothing listens on this port of this host)" : null;
            } catch (RuntimeException e) {
                return ErrorText.of(e);
            }
        }

        /** Hands the socket back and reports; null error = connected. Only the first call of a run counts. */
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
            lastConnected = error == null;
            long latency = System.nanoTime() - start;
            try {
                done.accept(error == null ? CheckResult.up(latency) : CheckResult.down(latency, error));
            } catch (RuntimeException e) {
                // a listener failed: not this loop's problem
                Logger.getLogger(TcpConnectChecker.class).debug("probe listener failed", e);
            }
        }
    }
}
