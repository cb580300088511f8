package io.lvsdirector.api.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokenTest {

    @Test
    void matchesOnlyTheExactToken() {
        BearerToken t = BearerToken.resolve(Optional.of("s3cret"), Optional.empty());
        assertTrue(t.matches("s3cret"));
        assertFalse(t.matches("s3cre"));
        assertFalse(t.matches("s3cret "));
        assertFalse(t.matches("S3cret"));
        assertFalse(t.matches(""));
        assertFalse(t.matches(null));
    }

    @Test
    void readsATrimmedTokenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  from-file\n");
        assertTrue(BearerToken.resolve(Optional.empty(), Optional.of(file)).matches("from-file"));
    }

    @Test
    void refusesToStartWithoutAToken() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BearerToken.resolve(Optional.empty(), Optional.empty()));
        assertTrue(e.getMessage().contains("LVS_API_TOKEN") && e.getMessage().contains("lvs.api.auth=none"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> BearerToken.resolve(Optional.of("   "), Optional.empty()));
    }

    @Test
    void refusesAnEmptyOrMissingTokenFile(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BearerToken.resolve(Optional.empty(), Optional.of(empty)));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> BearerToken.resolve(Optional.empty(), Optional.of(dir.resolve("absent"))));
    }

    @Test
    void refusesTwoSources(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("t"), "x");
        assertThrows(IllegalStateException.class, () -> BearerToken.resolve(Optional.of("y"), Optional.of(file)));
    }
}
