package io.lvsdirector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.RealServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is writing the state file with SIGKILL at random moments, many times, and
 * checks each time that the file loads and holds every write the process acknowledged.
 *
 * <p>SIGKILL loses the process but not the kernel's page cache, so this proves the atomic-replace
 * protocol (no torn or half-renamed file, no acknowledgement before the write) but cannot prove
 * survival of a power cut: that rests on the fsync of the temp file before the rename and of the
 * directory after it, whose order {@link AtomicFileWriterTest} checks.
 */
class CrashDurabilityTest {

    /** Iterations; -Dlvs.crash.iterations=N to run more (or fewer). */
    private static final int ITERATIONS = Integer.getInteger("lvs.crash.iterations", 40);
    private static final int WRITER_THREADS = 4;

    @TempDir
    Path dir;

    record Ack(long revision, String name, int weight, long objectRevision) {
        static Ack parse(String line) {
            String[] f = line.split(" ");
            return new Ack(Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]), Long.parseLong(f[4]));
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        Path file = dir.resolve("state.json");
        Random random = new Random();
        long seed = random.nextLong();
        random.setSeed(seed);
        int totalAcks = 0;
        int killedWhileWriting = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String context = "iteration " + i + " (seed " + seed + ")";
            // Most kills land while writes are flowing; some during start-up (load, temp clean-up).
            boolean duringStartup = i % 5 == 4;
            List<Ack> acks = runAndKill(file, random, duringStartup, dir.resolve("child-" + i + ".log"));
            totalAcks += acks.size();
            if (!acks.isEmpty()) {
                killedWhileWriting++;
            }

            StoredState loaded;
            try {
                loaded = TestStates.open(file).current();
            } catch (RuntimeException e) {
                throw new AssertionError(context + ": the state file does not load after SIGKILL", e);
            }
            long lastAck = acks.stream().mapToLong(Ack::revision).max().orElse(0);
            assertTrue(loaded.revision() >= lastAck, context + ": revision " + loaded.revision()
                    + " < acknowledged " + lastAck);
            for (Ack a : acks) {
                RealServer rs = loaded.state().realServer(TestStates.SERVICE, a.name())
                        .orElseThrow(() -> new AssertionError(context + ": acknowledged " + a + " is missing"));
                assertTrue(rs.weight() >= a.weight(), context + ": " + a + " but the file has weight " + rs.weight());
                assertTrue(loaded.revisionOf(ObjectKey.realServer(TestStates.SERVICE, a.name())) >= a.objectRevision(),
                        context + ": " + a + " but its object revision is older");
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                        context + ": loading removes temp files an interrupted write left");
            }
        }
        System.out.printf("crash durability: %d SIGKILLs, %d while writing, %d acknowledged writes checked (seed %d)%n",
                ITERATIONS, killedWhileWriting, totalAcks, seed);
        assertTrue(killedWhileWriting >= ITERATIONS * 3 / 4,
                "most kills should hit a process that was writing: " + killedWhileWriting + "/" + ITERATIONS);
        assertTrue(totalAcks > 0);
    }

    /** Starts a {@link CrashWriter}, SIGKILLs it at a random moment, returns what it acknowledged. */
    private static List<Ack> runAndKill(Path file, Random random, boolean duringStartup, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), file.toString(),
                String.valueOf(WRITER_THREADS))
                .redirectError(log.toFile())
                .start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch writing = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (line.startsWith("ACK")) {
                        writing.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe breaks when the child dies; the lines read so far are what counts
            }
        });
        reader.start();
        try {
            if (duringStartup) {
                Thread.sleep(random.nextInt(600));
            } else {
                // From the first acknowledgement on, writes are flowing (on a loaded machine the JVM
                // start alone can take seconds); then a random moment among them.
                if (!writing.await(60, TimeUnit.SECONDS)) {
                    fail("writer did not start writing: " + (p.isAlive() ? "" : "exit " + p.exitValue() + ", ")
                            + Files.readString(log));
                }
                Thread.sleep(random.nextInt(400));
            }
            if (!p.isAlive()) {
                fail("writer died by itself (exit " + p.exitValue() + "): " + Files.readString(log));
            }
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        List<Ack> acks = new ArrayList<>();
        synchronized (lines) {
            for (String line : lines) {
                // A line cut short by the kill was never a complete acknowledgement.
                if (line.matches("ACK \\d+ \\S+ \\d+ \\d+")) {
                    acks.add(Ack.parse(line));
                }
            }
        }
        return acks;
    }
}
