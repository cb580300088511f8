package io.lvsdirector.health;

import io.lvsdirector.model.CheckType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.Map;

/**
 * Dispatches a probe to the checker of its type and owns the checkers' clients and exec pool. A
 * checker that throws instead of returning a result is turned into a failed probe.
 */
public final class CheckRunner implements Checker, AutoCloseable {

    /** Exec checks running at once; more wait in a bounded queue, beyond it they fail. */
    public static final int DEFAULT_EXEC_THREADS = 4;
    private static final int EXEC_QUEUE = 1024;

    private final ConnectLoops loops;
    private final HttpChecker https;
    private final ExecChecker exec;
    private final Map<CheckType, Checker> byType = new EnumMap<>(CheckType.class);

    public CheckRunner(Vertx vertx) {
        this(vertx, DEFAULT_EXEC_THREADS);
    }

    public CheckRunner(Vertx vertx, int execThreads) {
        UdpExchange udp = new UdpExchange(vertx);
        loops = new ConnectLoops(connectLoops(Runtime.getRuntime().availableProcessors()));
        https = new HttpChecker(vertx);
        exec = new ExecChecker(execThreads, EXEC_QUEUE);
        byType.put(CheckType.TCP, new TcpConnectChecker(loops));
        byType.put(CheckType.HTTP, new PlainHttpChecker(loops));
        byType.put(CheckType.HTTPS, https);
        byType.put(CheckType.UDP, new UdpChecker(udp));
        byType.put(CheckType.DNS, new DnsChecker(udp));
        byType.put(CheckType.EXEC, exec);
        byType.put(CheckType.NONE, target -> Future.succeededFuture(CheckResult.up(0)));
    }

    /**
     * One connect loop per four cores, at least one. A check costs a loop about 55 µs of CPU on a 2-core
     * test machine, so one loop keeps up with about 18,000 checks a second; every further loop wakes up on
     * its own, and there two loops cost 10-15% more CPU for the same checks than one.
     */
    static int connectLoops(int cores) {
        return Math.max(1, cores / 4);
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        try {
            return byType.get(target.check().type()).check(target);
        } catch (RuntimeException e) {
            return Future.succeededFuture(CheckResult.down(0, "check failed to start: " + ErrorText.of(e)));
        }
    }

    @Override
    public Probe probe(ProbeTarget target) {
        try {
            return byType.get(target.check().type()).probe(target);
        } catch (RuntimeException e) {
            String error = "check failed to start: " + ErrorText.of(e);
            return done -> done.accept(CheckResult.down(0, error));
        }
    }

    /** TCP and plain HTTP probe streams live on the connect loops, where they run; the others on any event loop. */
    @Override
    public ProbeLoop loopFor(ProbeTarget target) {
        Checker checker = byType.get(target.check().type());
        return checker != null ? checker.loopFor(target) : null;
    }

    @Override
    public void close() {
        loops.close();
        https.close();
        exec.close();
    }
}
