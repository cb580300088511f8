package io.lvsdirector.ipvs.bench;

import io.lvsdirector.ipvs.DesiredTableBuilder;
import io.lvsdirector.ipvs.GenlIpvsKernel;
import io.lvsdirector.ipvs.IpvsDump;
import io.lvsdirector.ipvs.IpvsException;
import io.lvsdirector.ipvs.IpvsKernel;
import io.lvsdirector.ipvs.IpvsOp;
import io.lvsdirector.ipvs.KernelTable;
import io.lvsdirector.ipvs.OwnedServices;
import io.lvsdirector.ipvs.Planner;
import io.lvsdirector.ipvs.ReconcileResult;
import io.lvsdirector.ipvs.Reconciler;
import io.lvsdirector.kernel.Ipvsadm;
import io.lvsdirector.kernel.KernelVm;
import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ForwardingMethod;
import io.lvsdirector.model.Protocol;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Scheduler;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VirtualService;
import io.lvsdirector.netlink.NetlinkSocket;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Prints how fast the reconciler programs a big IPVS table, against {@code ipvsadm -R} of the same table in the
 * same run. Not a test (figures only, nothing here is timed against a limit): runs inside the kernel VM through
 * {@code src/test/vm/ipvs-benchmark}, see docs/benchmarks-ipvs.md.
 *
 * <p>Arguments: [services=1000] [servers per service=10] [rounds=3]. Each measured pair of runs is preceded by
 * one warm-up pair (JIT, kernel slab caches) that is printed but left out of the medians. The kernel is left
 * flushed at the end.
 */
public final class ReconcileBenchmark {

    private static final Path OUT = Path.of("target", "ipvs-benchmark");
    private static final int[] BATCH_SIZES = {16, 64, 256};
    private static final int RECONCILER_BATCH = 64;

    private final int services;
    private final int perService;
    private final int rounds;
    private final GenlIpvsKernel kernel;
    private final Ipvsadm ipvsadm = new Ipvsadm();
    private final Map<String, String> summary = new LinkedHashMap<>();

    private ReconcileBenchmark(int services, int perService, int rounds, GenlIpvsKernel kernel) {
        this.services = services;
        this.perService = perService;
        this.rounds = rounds;
        this.kernel = kernel;
    }

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perService = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!KernelVm.inside()) {
            System.err.println("ReconcileBenchmark: run it in the IPVS kernel VM (src/test/vm/ipvs-benchmark)");
            System.exit(2);
        }
        try (GenlIpvsKernel kernel = GenlIpvsKernel.open()) {
            new ReconcileBenchmark(services, perService, rounds, kernel).run();
        }
    }

    private void run() throws IOException {
        Files.createDirectories(OUT);
        summary.put("kernel", KernelVm.kernelRelease() + " (IPVS " + kernel.info().version() + ")");
        summary.put("accel", accel());
        summary.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " vCPUs");
        summary.put("table", services + " services x " + perService + " real servers = "
                + (services + services * perService) + " objects");

        DesiredState state = state(services, perService, -1);
        String rules = ipvsadmRules(state);
        Path rulesFile = OUT.resolve("rules.txt");
        Files.writeString(rulesFile, rules, StandardCharsets.UTF_8);
        System.out.printf("ipvsadm -R input: %s (%d lines)%n", rulesFile, rules.lines().count());

        fromEmpty(state, rules);
        KernelTable desired = new DesiredTableBuilder().build(state);
        resync(state, desired);
        oneWeightChange(state);
        batching(desired);
        kernel.flush();

        StringBuilder block = new StringBuilder("---- summary (ipvs-benchmark) ----\n");
        summary.forEach((k, v) -> block.append(String.format("%-34s %s%n", k, v)));
        block.append("----\n");
        System.out.print(block);
        Files.writeString(OUT.resolve("summary.txt"), block, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ b. empty kernel to in sync

    private void fromEmpty(DesiredState state, String rules) {
        int objects = services + services * perService;
        double spawn = median(timesMs(5, () -> new Ipvsadm("true").ok()));
        System.out.printf("process launch from the JVM (`true`), median of 5: %.1f ms%n", spawn);

        List<Double> ref = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> batched = new ArrayList<>();
        List<Double> build = new ArrayList<>();
        List<Double> pass = new ArrayList<>();
        List<Double> passBatched = new ArrayList<>();
        String refSaved = null;
        long gcBefore = gcMillis();
        System.out.printf("empty kernel -> in sync, ms (each after an untimed ipvsadm -C; ours = build the desired"
                + " table + Reconciler.reconcile, op by op and with batches of %d):%n", RECONCILER_BATCH);
        for (int round = 0; round <= rounds; round++) {
            ipvsadm.clear();
            long t0 = System.nanoTime();
            ipvsadm.restore(rules);
            double r = ms(t0);
            if (refSaved == null) {
                refSaved = saved();
            }
            double[] o = ourReconcile(state, 1, objects, refSaved, round == 0);
            double[] ob = ourReconcile(state, RECONCILER_BATCH, objects, refSaved, round == 0);
            double[] parts = partsOfAPass(state);
            boolean warm = round == 0;
            System.out.printf("           the same pass by hand after ipvsadm -C: dump %.1f, plan %.1f, apply op by op"
                    + " %.1f%n", parts[0], parts[1], parts[2]);
            System.out.printf("  round %d%s  ipvsadm -R %8.1f   ours %8.1f (build %.1f, pass %.1f) = %.2fx   ours"
                    + " batched %8.1f (pass %.1f) = %.2fx%n", round, warm ? " (warm-up)" : "         ", r, o[0], o[1],
                    o[2], o[0] / r, ob[0], ob[2], ob[0] / r);
            if (!warm) {
                ref.add(r);
                ours.add(o[0]);
                build.add(o[1]);
                pass.add(o[2]);
                batched.add(ob[0]);
                passBatched.add(ob[2]);
            }
        }
        long gc = gcMillis() - gcBefore;
        double refMed = median(ref);
        double oursMed = median(ours);
        double batchedMed = median(batched);
        System.out.printf("  medians of %d: ipvsadm -R %.1f ms, ours %.1f ms (build %.1f ms) = %.2fx, ours batched"
                + " %.1f ms = %.2fx (target <= 1.50); GC %d ms over all rounds%n", rounds, refMed, oursMed,
                median(build), oursMed / refMed, batchedMed, batchedMed / refMed, gc);
        System.out.printf("  end states identical: ipvsadm -S -n gives the same %d lines after each%n",
                refSaved.lines().count());
        summary.put("ipvsadm -R (empty -> in sync)", String.format("%.0f ms (median of %d; includes one process"
                + " launch, %.0f ms)", refMed, rounds, spawn));
        summary.put("ours op by op", String.format("%.0f ms = %.2fx ipvsadm (table build %.0f ms, reconcile pass"
                + " %.0f ms)", oursMed, oursMed / refMed, median(build), median(pass)));
        summary.put("ours batched (" + RECONCILER_BATCH + " per send)", String.format("%.0f ms = %.2fx ipvsadm"
                + " (reconcile pass %.0f ms)", batchedMed, batchedMed / refMed, median(passBatched)));
        summary.put("all rounds, ms", "ipvsadm " + fmt(ref) + "; op by op " + fmt(ours) + "; batched " + fmt(batched));
        summary.put("end states", "identical (ipvsadm -S -n, " + refSaved.lines().count() + " lines)");
    }

    /** Flushes with ipvsadm -C, reconciles from empty; returns {total ms, table build ms}. Checks the result. */
    private double[] ourReconcile(DesiredState state, int batchSize, int objects, String expected, boolean check) {
        ipvsadm.clear();
        long t0 = System.nanoTime();
        KernelTable desired = new DesiredTableBuilder().build(state);
        double b = ms(t0);
        ReconcileResult res = new Reconciler(kernel, new OwnedServices(null), Clock.systemUTC(), batchSize)
                .reconcile(state, 1, desired, false);
        double total = ms(t0);
        if (!res.failures().isEmpty() || res.applied().size() != objects) {
            throw new IllegalStateException("reconcile from empty (batch " + batchSize + "): " + res.applied().size()
                    + " ops applied, " + res.failures().size() + " failures " + first(res.failures()));
        }
        if (check && !expected.equals(saved())) {
            throw new IllegalStateException("end states differ: ipvsadm -S -n after -R and after our reconcile"
                    + " (batch " + batchSize + ")");
        }
        return new double[] {total, b, res.duration().toNanos() / 1e6};
    }

    /** Dump, plan and op-by-op apply of a pass from empty, timed apart, in the same conditions as the reconcile. */
    private double[] partsOfAPass(DesiredState state) {
        KernelTable desired = new DesiredTableBuilder().build(state);
        ipvsadm.clear();
        long t0 = System.nanoTime();
        IpvsDump dump = kernel.dumpWithStats();
        long t1 = System.nanoTime();
        List<IpvsOp> ops = Planner.plan(desired, dump.table(), Set.of(), false).ops();
        long t2 = System.nanoTime();
        for (IpvsOp op : ops) {
            kernel.apply(op);
        }
        long t3 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6};
    }

    private static String fmt(List<Double> xs) {
        return xs.stream().map(x -> String.format("%.0f", x)).toList().toString();
    }

    /** {@code ipvsadm -S -n}, lines sorted (the listing order follows the kernel's hash buckets). */
    private String saved() {
        String[] lines = ipvsadm.ok("-S", "-n").stdout().split("\n");
        Arrays.sort(lines);
        return String.join("\n", lines) + "\n";
    }

    // ------------------------------------------------------------------ c. re-sync of the in-sync table

    private void resync(DesiredState state, KernelTable desired) {
        List<Double> times = new ArrayList<>();
        NetlinkSocket.Stats before = kernel.socket().stats();
        for (int round = 0; round <= rounds; round++) {
            long t0 = System.nanoTime();
            ReconcileResult res = reconciler(kernel).reconcile(state, 2, desired, false);
            double t = ms(t0);
            if (!res.applied().isEmpty() || !res.failures().isEmpty()) {
                throw new IllegalStateException("re-sync of an in-sync table made writes: " + res.applied());
            }
            if (round > 0) {
                times.add(t);
            }
        }
        NetlinkSocket.Stats after = kernel.socket().stats();
        // Where a pass goes: the parts of Reconciler.reconcile timed one by one.
        List<Double> dumps = new ArrayList<>();
        List<Double> tables = new ArrayList<>();
        List<Double> plans = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            long t0 = System.nanoTime();
            IpvsDump d = kernel.dumpWithStats();
            long t1 = System.nanoTime();
            KernelTable actual = d.table();
            long t2 = System.nanoTime();
            Planner.Plan plan = Planner.plan(desired, actual, Set.of(), false);
            long t3 = System.nanoTime();
            if (!plan.inSync()) {
                throw new IllegalStateException("not in sync: " + plan.ops().size() + " ops");
            }
            if (round > 0) {
                dumps.add((t1 - t0) / 1e6);
                tables.add((t2 - t1) / 1e6);
                plans.add((t3 - t2) / 1e6);
            }
        }
        long sends = (after.sendCalls() - before.sendCalls()) / (rounds + 1);
        long receives = (after.receiveCalls() - before.receiveCalls()) / (rounds + 1);
        System.out.printf("re-sync of the in-sync table: 0 ops; %.1f ms (median of %d: %s); parts measured apart:"
                + " dump %.1f ms, dump to table %.1f ms, plan %.1f ms; per pass %d sendto (1 service dump + %d"
                + " destination dumps), %d recvfrom%n", median(times), rounds, fmt(times), median(dumps),
                median(tables), median(plans), sends, services, receives);
        summary.put("re-sync (in sync, 0 ops)", String.format("%.0f ms; apart: dump with stats %.0f ms (%d requests,"
                + " %d datagrams read), to table %.0f ms, plan %.0f ms", median(times), median(dumps), sends, receives,
                median(tables), median(plans)));
    }

    // ------------------------------------------------------------------ d. one weight change

    private void oneWeightChange(DesiredState state) {
        DesiredState changed = state(services, perService, 0);
        RealServer rs = changed.realServers().get(0);
        String line = "-a -t " + vipAddress(0) + ":80 -r " + rs.address() + ":" + rs.port() + " -m -w ";
        StringBuilder figures = new StringBuilder();
        for (int batchSize : new int[] {1, RECONCILER_BATCH}) {
            WriteCounter counter = new WriteCounter(kernel);
            long t0 = System.nanoTime();
            ReconcileResult res = new Reconciler(counter, new OwnedServices(null), Clock.systemUTC(), batchSize)
                    .reconcile(changed, 3, new DesiredTableBuilder().build(changed), false);
            double t = ms(t0);
            if (!res.failures().isEmpty()) {
                throw new IllegalStateException("weight change failed: " + res.failures());
            }
            boolean seen = ipvsadm.ok("-S", "-n").stdout().lines().anyMatch((line + rs.weight())::equals);
            String mode = batchSize == 1 ? "op by op" : "batched";
            System.out.printf("one weight change (%s): %d op %s; netlink writes %d sendto / %d messages (dumps"
                    + " excluded); %.1f ms for the whole pass; ipvsadm shows it: %s%n", mode, res.applied().size(),
                    res.applied(), counter.sendCalls, counter.messages, t, seen);
            if (res.applied().size() != 1 || counter.sendCalls != 1 || counter.messages != 1 || !seen) {
                throw new IllegalStateException("one weight change must be exactly one netlink write");
            }
            figures.append(String.format("%s%s: %d op, %d sendto, %d message (pass %.0f ms)",
                    figures.length() == 0 ? "" : "; ", mode, res.applied().size(), counter.sendCalls,
                    counter.messages, t));
            // back to the original weight for the next measurement
            reconciler(kernel).reconcile(state, 4, new DesiredTableBuilder().build(state), false);
        }
        summary.put("one weight change", figures.toString());
    }

    /** Counts the netlink writes the reconciler makes, leaving out the reads of the dump. */
    private static final class WriteCounter implements IpvsKernel {
        private final GenlIpvsKernel kernel;
        long sendCalls;
        long messages;

        WriteCounter(GenlIpvsKernel kernel) {
            this.kernel = kernel;
        }

        @Override
        public KernelTable dump() {
            return kernel.dump();
        }

        @Override
        public IpvsDump dumpWithStats() {
            return kernel.dumpWithStats();
        }

        @Override
        public void apply(IpvsOp op) {
            NetlinkSocket.Stats before = kernel.socket().stats();
            try {
                kernel.apply(op);
            } finally {
                NetlinkSocket.Stats after = kernel.socket().stats();
                sendCalls += after.sendCalls() - before.sendCalls();
                messages += after.messagesSent() - before.messagesSent();
            }
        }

        @Override
        public List<IpvsException> applyAll(List<IpvsOp> ops, int perSend) {
            NetlinkSocket.Stats before = kernel.socket().stats();
            try {
                return kernel.applyAll(ops, perSend);
            } finally {
                NetlinkSocket.Stats after = kernel.socket().stats();
                sendCalls += after.sendCalls() - before.sendCalls();
                messages += after.messagesSent() - before.messagesSent();
            }
        }
    }

    // ------------------------------------------------------------------ e. op by op against batches

    private void batching(KernelTable desired) {
        List<Double> planTimes = new ArrayList<>();
        List<IpvsOp> ops = null;
        for (int round = 0; round <= rounds; round++) {
            long t0 = System.nanoTime();
            ops = Planner.plan(desired, KernelTable.EMPTY, Set.of(), false).ops();
            if (round > 0) {
                planTimes.add(ms(t0));
            }
        }
        System.out.printf("planning from an empty kernel: %.1f ms (median of %d)%n", median(planTimes), rounds);
        summary.put("plan from empty", String.format("%.0f ms", median(planTimes)));
        List<IpvsOp> planned = ops;
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, String> sends = new LinkedHashMap<>();
        System.out.printf("applying the %d ops of an empty kernel, ms (kernel flushed before each):%n",
                ops.size());
        for (int round = 0; round <= rounds; round++) {
            StringBuilder line = new StringBuilder(String.format("  round %d%s", round,
                    round == 0 ? " (warm-up)" : "          "));
            measure(round, "one by one", times, sends, line, () -> {
                for (IpvsOp op : planned) {
                    kernel.apply(op);
                }
                return 0;
            });
            for (int per : BATCH_SIZES) {
                measure(round, "batch " + per, times, sends, line, () -> {
                    List<IpvsException> errors = kernel.applyBatch(planned, per);
                    return (int) errors.stream().filter(Objects::nonNull).count();
                });
            }
            System.out.println(line);
        }
        double single = median(times.get("one by one"));
        StringBuilder figures = new StringBuilder();
        for (Map.Entry<String, List<Double>> e : times.entrySet()) {
            double m = median(e.getValue());
            System.out.printf("  median %-11s %8.1f ms  %6.2f x one-by-one  %s%n", e.getKey(), m,
                    m / single, sends.get(e.getKey()));
            figures.append(String.format("%s%s %.0f ms (%s)", figures.length() == 0 ? "" : "; ",
                    e.getKey(), m, sends.get(e.getKey())));
        }
        summary.put("apply " + ops.size() + " ops (no dump)", figures.toString());
    }

    private void measure(int round, String name, Map<String, List<Double>> times, Map<String, String> sends,
            StringBuilder line, Supplier<Integer> apply) {
        kernel.flush();
        NetlinkSocket.Stats s0 = kernel.socket().stats();
        long t0 = System.nanoTime();
        int failed = apply.get();
        double t = ms(t0);
        if (failed != 0) {
            throw new IllegalStateException(name + ": " + failed + " ops failed");
        }
        NetlinkSocket.Stats s1 = kernel.socket().stats();
        sends.put(name, (s1.sendCalls() - s0.sendCalls()) + " sendto, " + (s1.receiveCalls() - s0.receiveCalls())
                + " recvfrom");
        if (round > 0) {
            times.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
        } else {
            times.computeIfAbsent(name, k -> new ArrayList<>());
        }
        line.append(String.format("  %s %.1f", name, t));
    }

    // ------------------------------------------------------------------ the table

    /**
     * {@code services} TCP services on distinct VIPs (port 80, wlc, NAT), each with {@code perService} real
     * servers on port 8080 with weights 1..10. {@code bumpWeightOf} >= 0 gives that service's first real server
     * another weight (the "one weight change").
     */
    static DesiredState state(int services, int perService, int bumpWeightOf) {
        List<Vip> vips = new ArrayList<>();
        List<VirtualService> vss = new ArrayList<>();
        List<RealServer> servers = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            String name = String.format("vs%05d", s);
            vips.add(new Vip("vip" + name, vipAddress(s), 32, null, null));
            vss.add(new VirtualService(name, "vip" + name, Protocol.TCP, 80, null, null, Scheduler.wlc, List.of(),
                    null, false, ForwardingMethod.NAT));
            for (int r = 0; r < perService; r++) {
                int weight = 1 + r % 10;
                if (s == bumpWeightOf && r == 0) {
                    weight = 42;
                }
                servers.add(new RealServer(String.format("rs%03d", r), name, realAddress(s, r), 8080, weight, null,
                        0L, 0L, null, true));
            }
        }
        return new DesiredState(List.of(), vips, vss, servers);
    }

    static String vipAddress(int s) {
        return "10.100." + (s >> 8) + "." + (s & 0xff);
    }

    static String realAddress(int s, int r) {
        return "10." + (200 + r) + "." + (s >> 8) + "." + (s & 0xff);
    }

    /** The same table in the {@code ipvsadm -R} format, written from the model (not from our codec). */
    static String ipvsadmRules(DesiredState state) {
        StringBuilder out = new StringBuilder();
        for (VirtualService vs : state.virtualServices()) {
            String svc = "-t " + state.vip(vs.vip()).orElseThrow().address() + ":" + vs.port();
            out.append("-A ").append(svc).append(" -s ").append(vs.scheduler().name()).append('\n');
            for (RealServer rs : state.realServersOf(vs.name())) {
                out.append("-a ").append(svc).append(" -r ").append(rs.address()).append(':').append(rs.port())
                        .append(" -m -w ").append(rs.weight()).append('\n');
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ helpers

    private static Reconciler reconciler(IpvsKernel k) {
        return new Reconciler(k, new OwnedServices(null), Clock.systemUTC());
    }

    private static String accel() {
        try {
            String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", ""))
                    .orElse("?");
            return (model.contains("TCG") ? "TCG (software emulation)" : "KVM or bare metal") + "; cpu: " + model;
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<Double> timesMs(int n, Runnable r) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            r.run();
            out.add(ms(t0));
        }
        return out;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (a.length == 0) {
            return Double.NaN;
        }
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static Object first(List<?> xs) {
        return xs.isEmpty() ? "" : xs.get(0);
    }
}
