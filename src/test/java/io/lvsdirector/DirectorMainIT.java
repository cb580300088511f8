package io.lvsdirector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The packaged application starts through {@link DirectorMain}, which lowers the JIT's C2 threads' priority. */
@QuarkusIntegrationTest
class DirectorMainIT {

    @Test
    void thePackagedApplicationLowersTheOptimisingCompilersPriority() throws Exception {
        // The application under test writes its output here; the line is logged before it reports itself started.
        String log = Files.readString(Path.of("target/quarkus.log"));
        assertTrue(log.contains("JIT optimising compiler's CPU priority: lowered to nice 19 for "), log);
    }
}
