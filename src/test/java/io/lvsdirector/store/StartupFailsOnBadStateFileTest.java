package io.lvsdirector.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole application, started through its main entry point with a truncated state file, exits
 * with an error naming the file and the line, and leaves the file as it was.
 */
@QuarkusMainTest
@TestProfile(StartupFailsOnBadStateFileTest.TruncatedStateFile.class)
class StartupFailsOnBadStateFileTest {

    static final Path FILE = Path.of("target/test-state/truncated/state.json").toAbsolutePath();
    static final String CONTENT = "{\n  \"format\" : 1,\n  \"revision\" : 7,\n  \"state\" : {\n    \"vips\" : [ {\n      \"name\" : \"web";

    public static class TruncatedStateFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, CONTENT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("lvs.state.file", FILE.toString(), "quarkus.http.test-port", "0");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void truncatedStateFileStopsStartUp(LaunchResult result) throws IOException {
        String output = result.getOutput() + "\n" + result.getErrorOutput();
        assertTrue(output.contains("state file " + FILE + ": line 6, column "), output);
        assertTrue(output.contains("not valid JSON"), output);
        assertTrue(Files.readString(FILE).equals(CONTENT), "the file is not replaced");
    }
}
