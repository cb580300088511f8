package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.DesiredState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A worker's own descriptor (its wake-up eventfd) lives as long as the worker; no network is touched. */
class VrrpWorkerLifecycleTest {

    @Test
    void aStoppedWorkerClosesItsWakeUpDescriptorAndIgnoresLaterStates() throws Exception {
        int workers = 50;
        long before = eventfds();
        for (int i = 0; i < workers; i++) {
            VrrpWorker worker = VrrpWorker.create();
            assertTrue(worker.stop(true, Duration.ofSeconds(1)));
            worker.apply(DesiredState.EMPTY); // no signal to the closed descriptor, no failure
            assertThrows(IllegalStateException.class, () -> worker.start(DesiredState.EMPTY));
        }
        long leaked = eventfds() - before;
        // Other threads of the test JVM may open an eventfd or two meanwhile; a leak would be one per worker.
        assertTrue(leaked < 10, leaked + " more eventfds after " + workers + " workers came and went");
    }

    private static long eventfds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().contains("eventfd");
                } catch (IOException gone) { // closed while listed
                    return false;
                }
            }).count();
        }
    }
}
