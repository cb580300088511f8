package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting for real-network tests: generous limits, since the machine may be heavily loaded. */
final class Await {

    private Await() {
    }

    static void until(Duration limit, BooleanSupplier condition, Supplier<String> whatFailed) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + limit + ": " + whatFailed.get());
            }
            Thread.sleep(50);
        }
    }
}
