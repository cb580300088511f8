package io.lvsdirector.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a director JVM that emulation crashed from one that our code crashed. Under QEMU's software
 * emulation a guest JVM has, rarely, died of SIGSEGV while running library Java code (C1-compiled
 * snakeyaml once, interpreted Jackson once: reads of class metadata that the emulated MMU refused). The
 * kernel tests restart such a director once and print the report, so that a pattern would show; a crash
 * in native code, in the VM itself, or in a frame of this project is never excused.
 */
public final class EmulatedJvmCrash {

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

    /** The JVM option that keeps crash reports out of the working directory (the project). */
    public static String errorFileOption(java.nio.file.Path dir) {
        return "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log");
    }
}
