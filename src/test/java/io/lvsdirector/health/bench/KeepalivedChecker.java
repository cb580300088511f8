package io.lvsdirector.health.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * keepalived's health checker (keepalived --check) on the benchmark's targets, for comparison: one virtual server
 * per target address (a TEST-NET address in the IPVS table only, never sent to), its targets as real servers with a
 * TCP_CHECK each (or an HTTP_GET of / expecting 200), delay_loop the benchmark's interval. keepalived counts nothing, so its checks are the connections
 * the acceptor saw; its CPU is that of its parent and checker processes. It programs IPVS as it starts, so it needs
 * an IPVS kernel (the kernel-test VM).
 */
final class KeepalivedChecker {

    private static final Path KEEPALIVED = Path.of("/usr/sbin/keepalived");
    private static final long TICKS_PER_SECOND = 100;

    record Measurement(double seconds, long connections, double cpuSeconds, long userTicks, long kernelTicks) {
        double connectionsPerSecond() {
            return connections / seconds;
        }

        double cores() {
            return cpuSeconds / seconds;
        }

        double cpuMicrosPerConnection() {
            return cpuSeconds * 1e6 / Math.max(1, connections);
        }
    }

    private KeepalivedChecker() {
    }

    static Measurement measure(boolean http, int targets, int firstPort, int ports, int intervalMs, int warmupSeconds,
            int seconds, AcceptorProcess acceptor) throws IOException, InterruptedException {
        if (!Files.isExecutable(KEEPALIVED)) {
            throw new IllegalStateException("keepalived is not installed (Debian package keepalived)");
        }
        Path dir = Files.createTempDirectory("keepalived-checker");
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config(http, targets, firstPort, ports, intervalMs));
        Process keepalived = new ProcessBuilder(KEEPALIVED.toString(), "--check", "--dont-fork", "--log-console",
                "--use-file", conf.toString(), "--pid", dir.resolve("keepalived.pid").toString(),
                "--checkers_pid", dir.resolve("checkers.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("keepalived.log").toFile()).start();
        try {
            Thread.sleep(warmupSeconds * 1000L);
            long checker = Long.parseLong(Files.readString(dir.resolve("checkers.pid")).trim());
            if (!keepalived.isAlive() || !ProcessHandle.of(checker).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("keepalived's checker is not running; its log:\n"
                        + Files.readString(dir.resolve("keepalived.log")));
            }
            long[] ticks0 = ticks(keepalived.pid(), checker);
            long accepted0 = acceptor.accepted();
            long wall0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double wall = (System.nanoTime() - wall0) / 1e9;
            long accepted = acceptor.accepted() - accepted0;
            long[] ticks = ticks(keepalived.pid(), checker);
            long user = ticks[0] - ticks0[0];
            long kernel = ticks[1] - ticks0[1];
            return new Measurement(wall, accepted, (user + kernel) / (double) TICKS_PER_SECOND, user, kernel);
        } finally {
            keepalived.destroy();   // SIGTERM: it removes what it added to IPVS
            if (!keepalived.waitFor(30, TimeUnit.SECONDS)) {
                keepalived.destroyForcibly();
            }
        }
    }

    static String config(boolean http, int targets, int firstPort, int ports, int intervalMs) {
        String check = http
                ? "    HTTP_GET {\n      url {\n        path /\n        status_code 200\n      }\n      connect_timeout 0.5\n    }\n"
                : "    TCP_CHECK {\n      connect_timeout 0.5\n    }\n";
        StringBuilder c = new StringBuilder("global_defs {\n  router_id lvs-director-benchmark\n}\n");
        for (int first = 0; first < targets; first += ports) {
            int address = 1 + first / ports;
            c.append("virtual_server 192.0.2.").append(address).append(" 80 {\n")
                    .append("  delay_loop ").append(intervalMs / 1000.0).append("\n")
                    .append("  lb_algo rr\n  lb_kind NAT\n  protocol TCP\n");
            for (int i = first; i < Math.min(targets, first + ports); i++) {
                c.append("  real_server 127.0.2.").append(address).append(' ').append(firstPort + i % ports)
                        .append(" {\n    weight 1\n").append(check).append("  }\n");
            }
            c.append("}\n");
        }
        return c.toString();
    }

    /** utime and stime of the processes together, in clock ticks; a process that is gone counts 0. */
    private static long[] ticks(long... pids) {
        long[] sum = new long[2];
        for (long pid : pids) {
            long[] userSystem = HealthCheckBenchmark.userSystemTicks(pid);
            sum[0] += userSystem[0];
            sum[1] += userSystem[1];
        }
        return sum;
    }
}
