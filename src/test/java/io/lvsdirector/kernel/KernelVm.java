package io.lvsdirector.kernel;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where kernel tests run: inside the VM started by {@code src/test/vm/kernel-vm}, which exports
 * {@code LVS_KERNEL_VM=1}. Outside it (an IDE run on a laptop without IPVS) a kernel test is skipped
 * with a reason; under CI it fails, because a silently skipped kernel test proves nothing.
 */
public final class KernelVm {

    public static final String MARKER = "LVS_KERNEL_VM";

    private KernelVm() {
    }

    public static boolean inside() {
        return "1".equals(System.getenv(MARKER));
    }

    /** Guest kernel release as seen by the harness, e.g. {@code 6.1.0-56-amd64}. */
    public static String kernelRelease() {
        return System.getenv().getOrDefault(MARKER + "_KERNEL", "unknown");
    }

    /** Call from {@code @BeforeAll}: fails under CI=true, skips elsewhere, when not in the kernel VM. */
    public static void require() {
        if (inside()) {
            return;
        }
        String reason = "kernel test: needs the IPVS kernel VM (" + MARKER + "=1); run it with "
                + "src/test/vm/run-kernel-tests or ./mvnw verify";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason + " [CI=true: kernel tests may not be skipped]");
        }
        assumeTrue(false, reason);
    }
}
