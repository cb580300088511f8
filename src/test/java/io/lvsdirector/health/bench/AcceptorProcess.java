package io.lvsdirector.health.bench;

import io.lvsdirector.model.CheckType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** A {@link LoopbackAcceptor} child process: started, asked how many connections it accepted, ended. */
final class AcceptorProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;
    private final OutputStream in;

    private AcceptorProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.getOutputStream();
    }

    static AcceptorProcess start(CheckType type, int firstPort, int ports) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                LoopbackAcceptor.class.getName(), Integer.toString(firstPort), Integer.toString(ports),
                type.name().toLowerCase(Locale.ROOT))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AcceptorProcess acceptor = new AcceptorProcess(p);
        String line = acceptor.out.readLine();
        if (!"ready".equals(line)) {
            p.destroyForcibly();
            throw new IllegalStateException("acceptor did not start: " + line);
        }
        return acceptor;
    }

    /** Connections accepted since the acceptor started. */
    long accepted() throws IOException {
        String line;
        try {
            in.write('\n');
            in.flush();
            line = out.readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            throw new IllegalStateException("the acceptor process has exited" + (process.isAlive() ? ""
                    : " with status " + process.exitValue()) + "; its error output is above");
        }
        return Long.parseLong(line.trim());
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (IOException e) {
            // it has exited already: nothing to flush to
        }
        process.destroy();
        try {
            // Gone before the next run's acceptor binds the same ports.
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
