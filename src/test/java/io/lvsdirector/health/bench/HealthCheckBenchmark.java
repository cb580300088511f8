package io.lvsdirector.health.bench;

import io.lvsdirector.health.CheckResult;
import io.lvsdirector.health.CheckRunner;
import io.lvsdirector.health.Checker;
import io.lvsdirector.health.HealthMonitor;
import io.lvsdirector.health.ProbeLoop;
import io.lvsdirector.health.ProbeTarget;
import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HttpCheckSpec;
import io.lvsdirector.model.ObjectKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many TCP (or HTTP) checks per second the health monitor sustains and at what CPU cost: N targets on
 * loopback (127.0.2.x × a range of ports, served by a {@link LoopbackAcceptor} child process so that
 * its CPU is counted apart), each checked every second. Not a test: run it by hand.
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     io.lvsdirector.health.bench.HealthCheckBenchmark [targets=5000] [seconds=20] [intervalMs=1000] [tcp|http] [keepalived]
 * (-Dwarmup=10: seconds of warm-up before measuring, for the JIT)
 * </pre>
 *
 * <p>With {@code keepalived} the same targets are then checked by keepalived's checker
 * ({@link KeepalivedChecker}) in the same run, and both are measured by the connections the acceptor saw. keepalived's
 * checker needs IPVS: run it inside the kernel-test VM ({@code src/test/vm/kernel-vm -- java ...}).
 */
public final class HealthCheckBenchmark {

    private static final int FIRST_PORT = 42000;
    private static final int PORTS = 100;
    private static final int WARMUP_SECONDS = Integer.getInteger("warmup", 10);
    /** Held so that the level set on it is not lost to garbage collection. */
    private static final java.util.logging.Logger HEALTH_LOG = java.util.logging.Logger.getLogger("io.lvsdirector.health");

    private HealthCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int intervalMs = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        CheckType type = args.length > 3 ? CheckType.valueOf(args[3].toUpperCase(Locale.ROOT)) : CheckType.TCP;
        boolean keepalived = args.length > 4 && args[4].equals("keepalived");
        if (type != CheckType.TCP && type != CheckType.HTTP) {
            throw new IllegalArgumentException("tcp or http");
        }
        int addresses = (targets + PORTS - 1) / PORTS;
        if (addresses > 250) {
            throw new IllegalArgumentException("at most " + 250 * PORTS + " targets");
        }

        // Thousands of transition lines would measure the console, not the checks: they are counted instead.
        HEALTH_LOG.setLevel(java.util.logging.Level.WARNING);
        AcceptorProcess acceptor = AcceptorProcess.start(type, FIRST_PORT, PORTS);
        Vertx vertx = Vertx.vertx();
        CountingChecker counting = new CountingChecker(new CheckRunner(vertx));
        HealthMonitor monitor = new HealthMonitor(vertx, counting);
        LongAdder transitions = new LongAdder();
        monitor.addListener(change -> transitions.increment());
        try {
            HealthCheck check = new HealthCheck(type, intervalMs, 500, 2, 2, HealthState.UP, null, null,
                    type == CheckType.HTTP ? HttpCheckSpec.DEFAULT : null, null, null, null);
            Map<ObjectKey, ProbeTarget> subscriptions = new HashMap<>();
            for (int i = 0; i < targets; i++) {
                String address = "127.0.2." + (1 + i / PORTS);
                subscriptions.put(ObjectKey.realServer("bench", "rs-" + i),
                        new ProbeTarget(check, address, FIRST_PORT + i % PORTS));
            }
            monitor.update(subscriptions);
            System.out.printf("%s checks of %d targets (%d addresses x %d ports), interval %d ms, %d probe streams%n", type, targets,
                    addresses, PORTS, intervalMs, monitor.streamCount());

            // The probes are counted during the warm-up too, and the measuring calls made once, so that none of
            // their code is loaded, linked or compiled for the first time inside the measured window.
            primeMeasurements(acceptor);
            Thread.sleep(WARMUP_SECONDS * 1000L);
            // Every run's window starts from a collected heap: otherwise whether the first collection (which
            // also touches much of the heap's memory for the first time) falls inside it is chance, and code
            // that allocates less is more likely to have it inside.
            System.gc();
            counting.startMeasuring();
            long transitions0 = transitions.sum();
            long jit0 = jitMillis();
            long gc0 = gcMillis();
            long cpu0 = processCpuNanos();
            long[] userSys0 = userSystemTicks(ProcessHandle.current().pid());
            long acceptorCpu0 = cpuNanos(acceptor.handle());
            long accepted0 = acceptor.accepted();
            long wall0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long wall = System.nanoTime() - wall0;
            long cpu = processCpuNanos() - cpu0;
            long jit = jitMillis() - jit0;
            long gc = gcMillis() - gc0;
            long[] userSys = userSystemTicks(ProcessHandle.current().pid());
            long acceptorCpu = cpuNanos(acceptor.handle()) - acceptorCpu0;
            long accepted = acceptor.accepted() - accepted0;
            counting.stopMeasuring();

            double wallS = wall / 1e9;
            long down = subscriptions.keySet().stream().filter(k -> !monitor.status(k).isUp()).count();
            System.out.printf("measured %.1f s: %d checks = %.0f checks/s (expected %.0f), %d failed%n", wallS,
                    counting.total.sum(), counting.total.sum() / wallS, targets * 1000.0 / intervalMs,
                    counting.failed.sum());
            counting.errors.forEach((error, n) -> System.out.printf("  %6d x %s%n", n.sum(), error));
            System.out.printf("checker process CPU: %.2f s = %.3f cores (%.1f us per check)%n", cpu / 1e9,
                    cpu / (double) wall, cpu / 1e3 / Math.max(1, counting.total.sum()));
            System.out.printf("  of which user %d ticks, kernel %d ticks (1 tick = 10 ms)%n", userSys[0] - userSys0[0],
                    userSys[1] - userSys0[1]);
            // Compilation still going on inside the window (slow under emulation) inflates the figure above.
            System.out.printf("  during it: JIT compilation %d ms, GC %d ms%n", jit, gc);
            System.out.printf("acceptor process CPU: %.2f s = %.3f cores%n", acceptorCpu / 1e9,
                    acceptorCpu / (double) wall);
            System.out.printf("latency ms: %s; targets down at the end: %d; transitions %d%n", counting.latencyPercentiles(), down,
                    transitions.sum() - transitions0);
            System.out.printf("machine: %d cores, load average %.1f (other work on the machine inflates latency)%n",
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            // Our TCP checks stop at the SYN-ACK (SYN, SYN-ACK, RST): the acceptor's application sees none of them,
            // so ours are counted as checks. keepalived's checks complete the handshake and are counted as the
            // connections the acceptor accepts.
            double oursCpuPerCheck = cpu / 1e3 / Math.max(1, counting.total.sum());
            System.out.printf("ours: %.0f checks/s, %.0f connections/s seen by the acceptor, %.3f cores, %.1f us CPU "
                    + "per check%n", counting.total.sum() / wallS, accepted / wallS, cpu / (double) wall, oursCpuPerCheck);
            stop(monitor, vertx);   // keepalived's checker must have the machine to itself
            if (keepalived) {
                KeepalivedChecker.Measurement k = KeepalivedChecker.measure(type == CheckType.HTTP, targets, FIRST_PORT, PORTS, intervalMs,
                        WARMUP_SECONDS, seconds, acceptor);
                System.out.printf("keepalived: %.0f connections/s seen by the acceptor, %.3f cores, %.1f us CPU per "
                        + "connection%n", k.connectionsPerSecond(), k.cores(), k.cpuMicrosPerConnection());
                System.out.printf("  of which user %d ticks, kernel %d ticks%n", k.userTicks(), k.kernelTicks());
                System.out.printf("ours against keepalived, same targets, same run: CPU per check %.2fx, CPU %.2fx%n",
                        oursCpuPerCheck / k.cpuMicrosPerConnection(), (cpu / (double) wall) / k.cores());
            }
        } finally {
            stop(monitor, vertx);
            acceptor.close();
        }
        System.exit(0);
    }

    private static void stop(HealthMonitor monitor, Vertx vertx) throws Exception {
        if (monitor.streamCount() > 0) {
            monitor.close();
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    private static void primeMeasurements(AcceptorProcess acceptor) throws java.io.IOException {
        long sum = jitMillis() + gcMillis() + processCpuNanos() + userSystemTicks(ProcessHandle.current().pid())[0]
                + cpuNanos(acceptor.handle()) + acceptor.accepted();
        if (sum == Long.MIN_VALUE) {
            System.out.println(); // keeps the calls from being optimised away
        }
    }

    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime and stime of a process from /proc (Linux), in clock ticks. */
    static long[] userSystemTicks(long pid) {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    }

    /** Counts probes and their latencies while measuring. */
    private static final class CountingChecker implements Checker {
        private final Checker delegate;
        private final AtomicBoolean frozen = new AtomicBoolean();
        final LongAdder total = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Map<String, LongAdder> errors = new java.util.concurrent.ConcurrentHashMap<>();
        private long[] latencies = new long[1 << 16];
        private int count;

        CountingChecker(Checker delegate) {
            this.delegate = delegate;
        }

        /** Starts the counts afresh. Probes are counted from the start (warm-up included): same code in and out. */
        synchronized void startMeasuring() {
            total.reset();
            failed.reset();
            errors.clear();
            count = 0;
        }

        void stopMeasuring() {
            frozen.set(true);
        }

        @Override
        public Future<CheckResult> check(ProbeTarget target) {
            return delegate.check(target).onSuccess(this::record);
        }

        @Override
        public ProbeLoop loopFor(ProbeTarget target) {
            return delegate.loopFor(target);
        }

        /** The delegate's own probe, so that the checker's per-stream reuse is measured, not bypassed. */
        @Override
        public Probe probe(ProbeTarget target) {
            Probe probe = delegate.probe(target);
            return done -> probe.start(result -> {
                record(result);
                done.accept(result);
            });
        }

        private void record(CheckResult r) {
            if (frozen.get()) {
                return;
            }
            total.increment();
            if (!r.success()) {
                failed.increment();
                errors.computeIfAbsent(r.error().replaceAll("[0-9]+", "N"), e -> new LongAdder()).increment();
            }
            synchronized (this) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = r.latencyNanos();
            }
        }

        synchronized String latencyPercentiles() {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return "none";
            }
            return String.format("p50 %.3f, p99 %.3f, max %.3f", sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
        }
    }
}
