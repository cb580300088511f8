package io.lvsdirector.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ipvsadm} (inside the kernel VM) so tests can check what the kernel holds
 * independently of our own netlink code.
 */
public final class Ipvsadm {

    /** Outcome of one ipvsadm run. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(this.toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exitCode
                    + (stdout.isEmpty() ? "" : "\nstdout:\n" + stdout)
                    + (stderr.isEmpty() ? "" : "\nstderr:\n" + stderr);
        }
    }

    private static final long TIMEOUT_SECONDS = 60;

    private final String executable;

    public Ipvsadm() {
        this("ipvsadm");
    }

    public Ipvsadm(String executable) {
        this.executable = executable;
    }

    /** Runs {@code ipvsadm args...}; never throws for a non-zero exit code (see {@link Result#requireSuccess()}). */
    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(args));
        return exec(command, null);
    }

    /** Runs {@code ipvsadm args...} and fails the test unless it succeeds. */
    public Result ok(String... args) {
        return run(args).requireSuccess();
    }

    /** Feeds {@code rules} (the {@code ipvsadm -S} format) to {@code ipvsadm -R}. */
    public Result restore(String rules) {
        return exec(List.of(executable, "-R"), rules).requireSuccess();
    }

    /** {@code ipvsadm -C}: removes every virtual service. */
    public void clear() {
        ok("-C");
    }

    /**
     * Every service and destination in the kernel, sorted: {@code ipvsadm -S -n} plus the destination
     * thresholds, which the save format leaves out and {@code ipvsadm -Ln --thresholds} shows.
     */
    public List<IpvsRule> rules() {
        List<IpvsRule> saved = IpvsRule.parseSave(ok("-S", "-n").stdout());
        return IpvsRule.withThresholds(saved, ok("-L", "-n", "--thresholds").stdout());
    }

    private static Result exec(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + "s");
            }
            return new Result(List.copyOf(command), process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
