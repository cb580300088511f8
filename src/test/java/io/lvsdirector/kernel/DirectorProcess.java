package io.lvsdirector.kernel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged director (target/quarkus-app) started as a separate process, as an operator would
 * run it, with its state in a directory the test owns. HTTP on a loopback port only.
 */
public final class DirectorProcess implements AutoCloseable {

    private final Path stateDir;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int launchLogOffset;

    public DirectorProcess(Path stateDir, int port) {
        this.stateDir = stateDir;
        this.port = port;
        this.log = stateDir.resolve("director-" + port + ".log");
    }

    public void start() throws IOException, InterruptedException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: package the application first (./mvnw verify does)");
        }
        List<String> cmd = new ArrayList<>(EmulatedJvmCrash.oneCpuInVm());
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(List.of(EmulatedJvmCrash.errorFileOption(stateDir),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dlvs.state.file=" + stateDir.resolve("state.json"),
                "-Dlvs.api.auth=none", "-Dlvs.ipvs.resync-interval=1s", "-Dlvs.vrrp.enabled=false",
                "-jar", jar.toString()));
        for (int restarts = 0; ; restarts++) {
            try {
                launchAndAwaitLive(cmd);
                return;
            } catch (AssertionError e) {
                if (restarts == EmulatedJvmCrash.RESTARTS || !EmulatedJvmCrash.inLibraryJavaCode(sinceLaunch())) {
                    throw e;
                }
                // An emulator fault (see EmulatedJvmCrash) must not fail the suite; printed so that a pattern shows.
                System.err.println("DirectorProcess: the director JVM crashed in library Java code; restarting it. "
                        + "Crash report:\n" + tail(2000));
            }
        }
    }

    private void launchAndAwaitLive(List<String> cmd) throws IOException, InterruptedException {
        launchLogOffset = Files.exists(log) ? Files.readString(log).length() : 0;
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        await("the director to answer", Duration.ofSeconds(300), () -> {
            if (!process.isAlive()) {
                throw new ProcessExited(process.exitValue());
            }
            try {
                return get("/q/health/live").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private String sinceLaunch() {
        try {
            String l = log();
            return l.substring(Math.min(launchLogOffset, l.length()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Thrown from a wait when the director has already exited: waiting longer cannot help. */
    private static final class ProcessExited extends RuntimeException {
        ProcessExited(int status) {
            super("the director exited with status " + status, null, false, false);
        }
    }

    /** A graceful stop (SIGTERM), as systemd or Kubernetes would. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Polls until the condition holds; fails with the director's log when it does not in time. */
    public void await(String what, Duration limit, java.util.concurrent.Callable<Boolean> condition)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (ProcessExited e) {
                throw new AssertionError(e.getMessage() + " while waiting for " + what + "\ndirector log tail:\n" + tail(4000));
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out after " + limit + " waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")") + "\ndirector log tail:\n" + tail(4000));
    }

    private String tail(int chars) {
        try {
            String l = log();
            return l.substring(Math.max(0, l.length() - chars));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Waits until GET path answers 200 with a body that satisfies the predicate. */
    public String awaitBody(String what, String path, Predicate<String> ok) throws InterruptedException {
        String[] body = new String[1];
        await(what, Duration.ofSeconds(120), () -> {
            HttpResponse<String> r = get(path);
            body[0] = r.body();
            return r.statusCode() == 200 && ok.test(r.body());
        });
        return body[0];
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
