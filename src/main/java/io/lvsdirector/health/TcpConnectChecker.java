package io.lvsdirector.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * TCP connect checks on plain NIO, on a few {@link ConnectLoop}s (one per core) shared by all checks. A
 * connect check needs no pipeline, codec or buffer, and at thousands per second the per-connection
 * setup of a full network framework is most of its cost; here a check is a socket, a connect, one
 * readiness event and a close. Probe streams of TCP checks live on these loops ({@link #loopFor}), so
 * the timer, the connect, its completion and the next timer all happen on one thread. The connection is
 * closed with RST (SO_LINGER 0) so that checks leave no TIME_WAIT sockets behind.
 */
final class NioConnectChecker implements Checker, AutoCloseable {

    private final List<ConnectLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    NioConnectChecker(int threads) {
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
    private static final class Attempt implements Consumer<SelectionKey> {
        final Promise<CheckResult> promise = Promise.promise();
        final ProbeTarget target;
        final long start = System.nanoTime();
        ConnectLoop loop;
        SocketChannel channel;
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
                // A socket of the target's own family: no dual-stack (v4-mapped) socket to set up and tear down.
                channel = SocketChannel.open(address instanceof Inet4Address ? StandardProtocolFamily.INET
                        : StandardProtocolFamily.INET6);
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                if (target.check().sourceAddress() != null) {
                    channel.bind(new InetSocketAddress(InetAddress.getByName(target.check().sourceAddress()), 0));
                }
                if (channel.connect(new InetSocketAddress(address, target.port()))) {
                    finish(null);
                    return;
                }
                loop.register(channel, SelectionKey.OP_CONNECT, this);
                int timeoutMs = target.check().timeoutMs();
                timeout = loop.setTimer(timeoutMs, () -> finish("connect timed out after " + timeoutMs + " ms"));
            } catch (IOException | RuntimeException e) {
                finish(ErrorText.of(e));
            }
        }

        /** The connect completed (or failed), or the loop closed under it. */
        @Override
        public void accept(SelectionKey key) {
            if (loop.isClosed()) {
                finish("checker closed");
                return;
            }
            String error = null;
            try {
                channel.finishConnect();
            } catch (IOException e) {
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
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the outcome is already known
                }
            }
            long latency = System.nanoTime() - start;
            try {
                promise.complete(error == null ? CheckResult.up(latency) : CheckResult.down(latency, error));
            } catch (RuntimeException e) {
                // a listener failed: not this loop's problem
                org.jboss.logging.Logger.getLogger(NioConnectChecker.class).debug("probe listener failed", e);
            }
        }
    }
}
