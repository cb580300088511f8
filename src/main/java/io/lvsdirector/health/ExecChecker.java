package io.lvsdirector.health;

import io.lvsdirector.model.ExecCheckSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a command (argv, no shell) on a bounded pool: waiting for a process is the one blocking part
 * of health checking, so it is kept off the event loop and limited in concurrency. At the timeout the
 * command and all its descendants are killed. Exit codes: see {@link ExecCheckSpec}.
 */
final class ExecChecker implements Checker {

    private final ThreadPoolExecutor pool;

    ExecChecker(int threads, int queueLength) {
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueLength), r -> {
                    Thread t = new Thread(r, "health-exec-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        Promise<CheckResult> promise = Promise.promise();
        long queuedAt = System.nanoTime();
        try {
            pool.execute(() -> promise.complete(run(target, queuedAt)));
        } catch (RejectedExecutionException e) {
            promise.complete(CheckResult.down(0, "exec pool saturated: check not run"));
        }
        return promise.future();
    }

    private static CheckResult run(ProbeTarget target, long queuedAt) {
        ExecCheckSpec spec = target.check().exec();
        long timeoutMs = target.check().timeoutMs();
        ProcessBuilder builder = new ProcessBuilder(spec.command())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("LVS_RS_ADDRESS", target.address());
        builder.environment().put("LVS_RS_PORT", Integer.toString(target.port()));
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return CheckResult.down(System.nanoTime() - start, "cannot start " + spec.command().get(0) + ": "
                    + e.getMessage());
        }
        try {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                ProcessTrees.killForcibly(process.toHandle());
                // Reap it (SIGKILL cannot be ignored), but do not hang the pool on a process stuck in the kernel.
                process.waitFor(5, TimeUnit.SECONDS);
                return CheckResult.down(System.nanoTime() - start, "killed after timeout of " + timeoutMs + " ms");
            }
        } catch (InterruptedException e) {
            ProcessTrees.killForcibly(process.toHandle());
            Thread.currentThread().interrupt();
            return CheckResult.down(System.nanoTime() - start, "interrupted");
        }
        long latency = System.nanoTime() - start;
        return judge(process.exitValue(), spec.dynamicWeight(), latency);
    }

    /** keepalived MISC_CHECK semantics; with misc_dynamic, exit 2..255 = up with weight code - 2. */
    static CheckResult judge(int exitCode, boolean dynamicWeight, long latencyNanos) {
        if (exitCode == 0) {
            return CheckResult.up(latencyNanos);
        }
        if (dynamicWeight && exitCode >= 2 && exitCode <= 255) {
            return new CheckResult(true, latencyNanos, null, exitCode - 2);
        }
        return CheckResult.down(latencyNanos, "exit code " + exitCode);
    }

    void close() {
        pool.shutdownNow();
    }
}
