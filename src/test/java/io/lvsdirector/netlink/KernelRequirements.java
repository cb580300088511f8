package io.lvsdirector.netlink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gate for tests that need root and network namespaces. With CI=true a missing requirement fails the test
 * class with the reason; elsewhere (a laptop) the class is skipped with the reason shown.
 *
 * <p>Use {@code @ExtendWith(KernelRequirements.class)} or call {@link #requireRootAndNetns()} directly.
 */
public final class KernelRequirements implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        requireRootAndNetns();
    }

    public static void requireRootAndNetns() {
        enforce(missingRootAndNetns(), "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** Fails (CI) or aborts (elsewhere) when something is missing. */
    static void enforce(List<String> missing, boolean ci) {
        if (missing.isEmpty()) {
            return;
        }
        String reason = "kernel tests need " + String.join(", ", missing);
        if (ci) {
            Assertions.fail(reason + " (CI=true: these tests must run, not skip)");
        }
        Assumptions.abort(reason + " - skipped");
    }

    static List<String> missingRootAndNetns() {
        List<String> missing = new ArrayList<>();
        if (effectiveUid() != 0) {
            missing.add("root (effective uid is " + effectiveUid() + ")");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip"))) {
            missing.add("iproute2 at /usr/sbin/ip");
        }
        if (!Files.exists(Path.of("/proc/self/ns/net"))) {
            missing.add("network namespace support (/proc/self/ns/net)");
        }
        return missing;
    }

    /** Effective uid from /proc/self/status ("Uid: real effective saved fs"); -1 if unreadable. */
    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
