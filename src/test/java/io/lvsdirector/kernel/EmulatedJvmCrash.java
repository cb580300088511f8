package io.lvsdirector.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a director JVM that emulation crashed from one that our code crashed. Under QEMU's software
 * emulation a guest JVM has, rarely, died of SIGSEGV while running library Java code (C1-compiled
 * snakeyaml once, interpreted Jackson once: reads of class metadata that the emulated MMU refused). The
 * kernel tests restart such a director (at most {@link #RESTARTS} times) and print the report, so that a
 * pattern would show; a crash in native code, in the VM itself, or in a frame of this project is never excused.
 *
 * <p>The faults look like one emulated CPU seeing stale memory that another CPU changed (code just written
 * by the JIT, class metadata just mapped). So in the VM each director runs on one guest CPU
 * ({@link #oneCpuInVm}): its JIT-written code and its memory map are then only used from that CPU.
 */
public final class EmulatedJvmCrash {

    /** Restarts of one director after such a crash. */
    public static final int RESTARTS = 2;
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_CPU = new java.util.concurrent.atomic.AtomicInteger();

    private static final Pattern FRAME = Pattern.compile("# Problematic frame:\\s*\\n#\\s+(\\S+)\\s+(.*)");

    private EmulatedJvmCrash() {
    }

    /** Whether {@code output} (a JVM's console since its launch) holds a fatal-error report that may be excused. */
    public static boolean inLibraryJavaCode(String output) {
        if (!output.contains("A fatal error has been detected by the Java Runtime Environment")) {
            return false;
        }
        Matcher m = FRAME.matcher(output);
        if (!m.find()) {
            return false;
        }
        String kind = m.group(1); // J: compiled Java, j: interpreted Java, C: native, V: the JVM itself
        return (kind.equals("J") || kind.equals("j")) && !m.group(2).contains("io.lvsdirector");
    }

    /**
     * A command prefix that keeps every thread of the JVM it starts on one guest CPU, in turn, when running in
     * the kernel-test VM ({@code LVS_KERNEL_VM=1}); nothing elsewhere. taskset execs the command: same PID.
     */
    public static java.util.List<String> oneCpuInVm() {
        if (!"1".equals(System.getenv("LVS_KERNEL_VM"))) {
            return java.util.List.of();
        }
        int cpu = Math.floorMod(NEXT_CPU.getAndIncrement(), Runtime.getRuntime().availableProcessors());
        return java.util.List.of("/usr/bin/taskset", "-c", Integer.toString(cpu));
    }

    /** The JVM option that keeps crash reports out of the working directory (the project). */
    public static String errorFileOption(java.nio.file.Path dir) {
        return "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log");
    }
}
