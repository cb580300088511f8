package io.lvsdirector.store.bench;

import io.lvsdirector.store.CommitStats;
import io.lvsdirector.store.FileStateStore;
import io.lvsdirector.store.TestStates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Creates N real servers through {@link FileStateStore} with durable writes, at several
 * concurrencies, with group commit on and off, and prints latency percentiles and throughput.
 * Not a test: figures depend on the disk. Run it with
 *
 * <pre>
 * ./mvnw -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.lvsdirector.store.bench.StoreWriteBenchmark -Dexec.args="2000 1,4,16,64 target/bench"
 * </pre>
 *
 * Arguments (all optional): real servers per run, concurrencies, scratch directory (on the disk
 * whose fsync is to be measured; each run starts from an empty state file there).
 */
public final class StoreWriteBenchmark {

    record Result(boolean group, int concurrency, int writes, double seconds, long[] latencyNanos, CommitStats stats) {
        double throughput() {
            return writes / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
        }
    }

    private StoreWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int[] concurrencies = Arrays.stream((args.length > 1 ? args[1] : "1,4,16,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Path dir = Path.of(args.length > 2 ? args[2] : "target/bench").toAbsolutePath();
        Files.createDirectories(dir);

        System.out.printf(Locale.ROOT, "state store write benchmark: %d real servers per run, durable writes, %s, %d CPUs%n",
                n, dir, Runtime.getRuntime().availableProcessors());
        run(dir, true, 4, Math.min(n, 300)); // warm-up: JIT, page cache, validator metadata

        List<Result> results = new ArrayList<>();
        for (int c : concurrencies) {
            for (boolean group : new boolean[] {false, true}) {
                Result r = run(dir, group, c, n);
                results.add(r);
                print(r);
            }
        }
        System.out.println();
        System.out.println("group commit ON vs OFF (throughput ratio, p99 ratio):");
        for (int c : concurrencies) {
            Result off = find(results, false, c);
            Result on = find(results, true, c);
            System.out.printf(Locale.ROOT, "  concurrency %3d: throughput x%.2f, p99 %.1f ms -> %.1f ms%n", c,
                    on.throughput() / off.throughput(), off.percentileMillis(99), on.percentileMillis(99));
        }
    }

    private static Result find(List<Result> results, boolean group, int c) {
        return results.stream().filter(r -> r.group() == group && r.concurrency() == c).findFirst().orElseThrow();
    }

    private static void print(Result r) {
        CommitStats s = r.stats();
        System.out.printf(Locale.ROOT,
                "group-commit %-3s concurrency %3d: %7.1f writes/s  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms"
                        + "  | %5d flushes, %5.1f writes/flush, %5.2f ms/flush (%4.2f ms encoding),"
                        + " flushing %3.0f%% of wall time%n",
                r.group() ? "ON" : "OFF", r.concurrency(), r.throughput(), r.percentileMillis(50),
                r.percentileMillis(99), r.percentileMillis(100), s.flushes(), s.meanGroupSize(), s.meanFlushMillis(),
                s.meanEncodeMillis(),
                100.0 * s.flushNanos() / 1e9 / r.seconds());
    }

    private static Result run(Path dir, boolean group, int concurrency, int n) throws Exception {
        Path file = dir.resolve("bench-state.json");
        clean(dir);
        FileStateStore store = TestStates.open(file, group);
        store.write(c -> TestStates.base(), false);
        CommitStats base = store.stats();
        long[] latency = new long[n];
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            Thread th = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    int id = i;
                    long t0 = System.nanoTime();
                    store.write(c -> TestStates.put(c.state(), TestStates.realServer("rs-" + id, id + 1, 1)), false);
                    latency[id] = System.nanoTime() - t0;
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CommitStats s = store.stats();
        // Only this run's writes, not the base state's.
        CommitStats runStats = s.since(base);
        if (runStats.commits() != n || store.current().state().realServers().size() != n) {
            throw new IllegalStateException("lost writes: " + runStats);
        }
        clean(dir);
        return new Result(group, concurrency, n, seconds, latency, runStats);
    }

    private static void clean(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (p.getFileName().toString().startsWith("bench-state.json")) {
                    Files.delete(p);
                }
            }
        }
    }
}
