package io.lvsdirector.health;

import io.lvsdirector.netlink.Epoll;
import io.lvsdirector.netlink.Errno;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The runs of one check of one target on the {@link ConnectLoop}s, over sockets kept in the loops' pools: what
 * TCP connect checks and plain HTTP checks share. A run starts on the calling loop (a probe stream's own) or is
 * handed to one, takes a socket, connects it, and ends once, by its outcome or its timeout, handing the socket
 * back before it reports. A subclass says what a connected socket is for ({@link #connected}), reads the
 * socket's later events ({@link #exchange}) and ends the run with {@link #finish}.
 */
abstract class SocketProbe implements Checker.Probe, ConnectLoop.Readiness {

    private static final Logger LOG = Logger.getLogger(SocketProbe.class);

    final ProbeTarget target;
    private final ConnectLoops loops;
    /** Epoll events the sockets are registered for. */
    private final int events;
    private final Runnable onTimeout = this::timedOut;
    /** Parsed on the first run (IP literals: no lookup), then kept. */
    InetAddress address;
    private InetAddress source;
    /** The sockets of {@link #poolLoop} for this target's family and source. */
    private TcpSocketPool pool;
    private ConnectLoop poolLoop;
    // The run in progress:
    private Consumer<CheckResult> done;
    private long start;
    ConnectLoop loop;
    int fd = -1;
    private ProbeLoop.Timer timeout;
    private boolean finished = true;
    private boolean isConnected;

    SocketProbe(ConnectLoops loops, ProbeTarget target, int events) {
        this.loops = loops;
        this.target = target;
        this.events = events;
    }

    @Override
    public final void start(Consumer<CheckResult> done) {
        ConnectLoop here = loops.current();
        if (here != null) {
            run(here, done);
        } else { // not started from a probe stream of ours (a test, a one-off check): hand it to a loop
            ConnectLoop next = loops.next();
            next.execute(() -> run(next, done));
        }
    }

    private void run(ConnectLoop loop, Consumer<CheckResult> done) {
        this.loop = loop;
        this.done = done;
        this.start = System.nanoTime();
        this.fd = -1;
        this.timeout = null;
        this.finished = false;
        this.isConnected = false;
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
            if (poolLoop != loop) {
                // of the target's own family: no dual-stack socket to set up
                pool = loop.socketPool(address, source, events);
                poolLoop = loop;
            }
            starting();
            fd = pool.take();
            int errno = loop.connector().connect(fd, address, target.port());
            if (errno != 0 && errno != Errno.EINPROGRESS) {
                finish("connect: " + Errno.describe(errno));
                return;
            }
            timeout = loop.setTimer(target.check().timeoutMs(), onTimeout);
            if (errno == 0) {
                isConnected = true;
                connected(0);
            } else {
                loop.arm(fd, this);
            }
        } catch (UnknownHostException | RuntimeException e) {
            finish(ErrorText.of(e));
        }
    }

    /** A run begins, on {@link #loop}, before its socket is taken. */
    void starting() {
    }

    /**
     * The connect completed: {@code events} are those of the socket that said so (0 when the connect completed
     * at once). Ends the run, or arms the socket for more.
     */
    abstract void connected(int events);

    /** A later event of the connected socket (edge-triggered: all it is ready for). */
    void exchange(int events) {
        throw new IllegalStateException("an event after the connect");
    }

    /** The run ends (null error: up), before its result is reported. */
    void ended(String error) {
    }

    /** The socket is ready, or the loop closed under it (no events). */
    @Override
    public final void ready(int events) {
        if (events == 0 || loop.isClosed()) {
            finish("checker closed");
            return;
        }
        try {
            if (isConnected) {
                exchange(events);
            } else if ((events & (Epoll.EPOLLERR | Epoll.EPOLLHUP)) != 0) {
                // Linux reports a failed connect with EPOLLERR, so SO_ERROR is read only to name the failure.
                int errno = loop.connector().pendingError(fd);
                finish(errno != 0 ? "connect: " + Errno.describe(errno)
                        : "connect: the connection was closed while being set up");
            } else if ((events & Epoll.EPOLLOUT) != 0) { // a connect still in progress is not writable
                isConnected = true;
                connected(events);
            } else {
                loop.arm(fd, this);
            }
        } catch (RuntimeException e) {
            finish(ErrorText.of(e));
        }
    }

    private void timedOut() {
        finish(isConnected ? "no response within " + target.check().timeoutMs() + " ms"
                : "connect timed out after " + target.check().timeoutMs() + " ms");
    }

    /** Hands the socket back and reports; null error = up. Only the first call of a run counts. */
    final void finish(String error) {
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
        ended(error);
        long latency = System.nanoTime() - start;
        try {
            done.accept(error == null ? CheckResult.up(latency) : CheckResult.down(latency, error));
        } catch (RuntimeException e) {
            LOG.debug("probe listener failed", e); // a listener failed: not this loop's problem
        }
    }
}
