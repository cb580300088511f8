package io.lvsdirector.health;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The {@link ConnectLoop}s that the checks on plain descriptors (TCP connect, plain HTTP) share: a new probe
 * stream goes to the next loop in turn and stays there.
 */
final class ConnectLoops implements AutoCloseable {

    private final List<ConnectLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    ConnectLoops(int threads) {
        loops = IntStream.range(0, threads).mapToObj(i -> new ConnectLoop("health-connect-" + i)).toList();
    }

    /** The next loop in turn: the home of a new probe stream. */
    ConnectLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** The loop the calling thread is, or null. */
    ConnectLoop current() {
        for (ConnectLoop loop : loops) {
            if (loop.inLoop()) {
                return loop;
            }
        }
        return null;
    }

    /** Sockets opened by all loops so far (read by tests). */
    long socketsOpened() {
        return loops.stream().mapToLong(ConnectLoop::socketsOpened).sum();
    }

    @Override
    public void close() {
        loops.forEach(ConnectLoop::close);
    }
}
