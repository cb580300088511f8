package io.lvsdirector.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.PriorityQueue;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * TCP connect checks on plain NIO, on a few selector threads (one per core) shared by all checks. A
 * connect check needs no pipeline, codec or buffer, and at thousands per second the per-connection
 * setup of a full network framework is most of its cost; here a check is a socket, a connect, one
 * readiness event and a close. The connection is closed with RST (SO_LINGER 0) so that checks leave
 * no TIME_WAIT sockets behind.
 */
final class NioConnectChecker implements Checker, AutoCloseable {

    private final List<ConnectLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    NioConnectChecker(int threads) {
        loops = IntStream.range(0, threads).mapToObj(i -> new ConnectLoop("health-tcp-connect-" + i)).toList();
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        Attempt attempt = new Attempt(System.nanoTime(), target.check().timeoutMs());
        try {
            SocketChannel channel = SocketChannel.open();
            attempt.channel = channel;
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            if (target.check().sourceAddress() != null) {
                channel.bind(new InetSocketAddress(InetAddress.getByName(target.check().sourceAddress()), 0));
            }
            // An IP literal: getByName does not resolve it.
            if (channel.connect(new InetSocketAddress(InetAddress.getByName(target.address()), target.port()))) {
                attempt.finish(null);
            } else {
                loops.get(Math.floorMod(next.getAndIncrement(), loops.size())).add(attempt);
            }
        } catch (IOException | RuntimeException e) {
            attempt.finish(ErrorText.of(e));
        }
        return attempt.promise.future();
    }

    @Override
    public void close() {
        loops.forEach(ConnectLoop::close);
    }

    /** A selector thread: waits for connects to complete or time out. */
    private static final class ConnectLoop {
        private final Selector selector;
        private final Thread thread;
        private final Queue<Attempt> incoming = new ConcurrentLinkedQueue<>();
        /** Only touched by the selector thread; finished attempts are dropped lazily when at the head. */
        private final PriorityQueue<Attempt> deadlines = new PriorityQueue<>((a, b) -> Long.compare(a.deadline,
                b.deadline));
        private volatile boolean closed;

        ConnectLoop(String name) {
            try {
                selector = Selector.open();
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a selector", e);
            }
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }

        void add(Attempt attempt) {
            incoming.add(attempt);
            selector.wakeup();
        }

        private void run() {
            while (!closed) {
                try {
                    registerIncoming();
                    expire();
                    Attempt first = deadlines.peek();
                    long waitMs = first == null ? 0 : Math.max(1, (first.deadline - System.nanoTime()) / 1_000_000);
                    selector.select(waitMs);
                    for (SelectionKey key : selector.selectedKeys()) {
                        Attempt attempt = (Attempt) key.attachment();
                        String error = null;
                        try {
                            ((SocketChannel) key.channel()).finishConnect();
                        } catch (IOException e) {
                            error = ErrorText.of(e);
                        }
                        attempt.finish(error);
                    }
                    selector.selectedKeys().clear();
                } catch (IOException | RuntimeException e) {
                    if (!closed) {
                        org.jboss.logging.Logger.getLogger(NioConnectChecker.class).error("TCP check loop failed", e);
                    }
                }
            }
        }

        private void registerIncoming() {
            Attempt attempt;
            while ((attempt = incoming.poll()) != null) {
                try {
                    attempt.channel.register(selector, SelectionKey.OP_CONNECT, attempt);
                    deadlines.add(attempt);
                } catch (IOException e) {
                    attempt.finish(ErrorText.of(e));
                }
            }
        }

        private void expire() {
            long now = System.nanoTime();
            while (!deadlines.isEmpty() && (deadlines.peek().done || deadlines.peek().deadline - now <= 0)) {
                Attempt attempt = deadlines.poll();
                attempt.finish("connect timed out after " + attempt.timeoutMs + " ms");
            }
        }

        void close() {
            closed = true;
            selector.wakeup();
            try {
                thread.join(1000);
                selector.keys().forEach(k -> ((Attempt) k.attachment()).finish("checker closed"));
                incoming.forEach(a -> a.finish("checker closed"));
                selector.close();
            } catch (IOException e) {
                // closing anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One connect in flight. */
    private static final class Attempt {
        final Promise<CheckResult> promise = Promise.promise();
        final long start;
        final long deadline;
        final int timeoutMs;
        SocketChannel channel;
        volatile boolean done;

        Attempt(long start, int timeoutMs) {
            this.start = start;
            this.timeoutMs = timeoutMs;
            this.deadline = start + timeoutMs * 1_000_000L;
        }

        /** Closes the socket and reports; null error = connected. Only the first call counts. */
        void finish(String error) {
            if (done) {
                return;
            }
            done = true;
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
                // a listener failed (e.g. Vert.x closing under it): not this loop's problem
                org.jboss.logging.Logger.getLogger(NioConnectChecker.class).debug("probe listener failed", e);
            }
        }
    }
}
