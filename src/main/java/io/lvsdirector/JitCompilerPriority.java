package io.lvsdirector;

import io.lvsdirector.netlink.Errno;
import io.lvsdirector.netlink.ErrnoException;
import io.lvsdirector.netlink.ThreadPriority;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Gives the JVM's optimising compiler threads (C2) the lowest CPU priority (nice 19) for the life of the process.
 *
 * <p>Why: with the AOT cache, start-up is running initialisation code, and the methods the cache's training
 * profiles name are queued for C2 at once. On a two-core director C2 then takes most of a core from the main
 * thread and from C1, which compiles the start-up code itself. In three runs of the start-up benchmark the
 * container image's JVM was ready in 0.82-1.09 s (medians) with C2 lowered, against 1.12-1.46 s with C2 left
 * alone and 0.73-0.96 s with no C2 at all (docs/benchmarks.md). Unlike turning C2 off, a lowered C2 still
 * compiles whenever a core is free. The container image now runs C1 only (Dockerfile.jvm), so there this finds no
 * C2 thread; it serves a JVM run with the default JIT (the jar under systemd, or a plain {@code java -jar}).
 *
 * <p>Raising a thread's nice value needs no privilege; lowering it again would need CAP_SYS_NICE, which the
 * director does not have in its container, so it stays. Only the C2 threads running when main starts are lowered:
 * on two cores that is the only one there will be; on larger machines the JVM may add C2 threads later, which
 * keep the normal priority (and have more cores to share). {@code -Dlvs.jit.c2-nice=0} or {@code LVS_JIT_C2_NICE=0}
 * turns this off (read before Quarkus's configuration exists, so not from application.properties).
 */
@Singleton
public class JitCompilerPriority {

    static final String NICE_PROPERTY = "lvs.jit.c2-nice";
    static final String NICE_ENV = "LVS_JIT_C2_NICE";
    /** HotSpot names them "C2 CompilerThread0" and so on; Linux keeps the first 15 characters of a thread name. */
    static final String C2_THREAD_NAME = "C2 CompilerThre";
    private static final int DEFAULT_NICE = 19;
    private static final Logger LOG = Logger.getLogger(JitCompilerPriority.class);

    /** What {@link #lowerInBackground} did, logged once Quarkus's logging is set up; null when not called. */
    private static volatile String outcome;
    private static volatile boolean failed;

    /**
     * Starts a daemon thread that lowers the C2 threads' priority, so that the main thread starts Quarkus at once.
     * Nothing is logged from it: logging is not configured this early.
     */
    static void lowerInBackground() {
        outcome = "still being set";
        long mainStarted = System.nanoTime();
        Thread thread = new Thread(() -> lower(mainStarted), "jit-priority");
        thread.setDaemon(true);
        thread.start();
    }

    private static void lower(long mainStarted) {
        try {
            int nice = configuredNice();
            if (nice == 0) {
                outcome = "left as it is (" + NICE_PROPERTY + "=0)";
                return;
            }
            List<Integer> threads = renice(C2_THREAD_NAME, nice);
            outcome = threads.isEmpty()
                    ? "left as it is: no C2 compiler thread (C1 only, or a native image)"
                    : "lowered to nice " + nice + " for " + threads.size() + " C2 compiler thread(s), "
                            + (System.nanoTime() - mainStarted) / 1_000_000 + " ms after the start of main";
        } catch (RuntimeException | IOException e) {
            outcome = "not changed: " + e;
            failed = true;
        }
    }

    /** The system property, else the environment variable, else 19. */
    private static int configuredNice() {
        String value = System.getProperty(NICE_PROPERTY, System.getenv(NICE_ENV));
        return value == null ? DEFAULT_NICE : Integer.parseInt(value.strip());
    }

    /** Sets the nice value of every thread of this process whose name starts with the prefix; returns their ids. */
    static List<Integer> renice(String namePrefix, int nice) throws IOException {
        List<Integer> changed = new ArrayList<>();
        for (int tid : threadIds()) {
            String name = threadName(tid);
            if (name != null && name.startsWith(namePrefix)) {
                try {
                    ThreadPriority.setNice(tid, nice);
                    changed.add(tid);
                } catch (ErrnoException e) {
                    if (e.errno() != Errno.ESRCH) {   // ESRCH: the thread has ended meanwhile
                        throw e;
                    }
                }
            }
        }
        return changed;
    }

    static List<Integer> threadIds() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(p -> Integer.valueOf(p.getFileName().toString())).toList();
        }
    }

    /** The thread's name as the kernel holds it, or null when the thread has ended meanwhile. */
    static String threadName(int tid) {
        try {
            return Files.readString(Path.of("/proc/self/task/" + tid + "/comm")).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void report(@Observes StartupEvent event) {
        if (outcome != null) {   // null: started without DirectorMain (tests, dev mode)
            LOG.logf(failed ? Logger.Level.WARN : Logger.Level.INFO, "JIT optimising compiler's CPU priority: %s",
                    outcome);
        }
    }
}
