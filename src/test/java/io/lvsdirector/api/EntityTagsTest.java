package io.lvsdirector.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lvsdirector.store.PreconditionFailedException;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void absentHeaderAlwaysHolds() {
        assertDoesNotThrow(() -> EntityTags.check(null, 0, "x"));
        assertDoesNotThrow(() -> EntityTags.check(" ", 7, "x"));
    }

    @Test
    void strongTagMustEqualTheRevision() {
        assertDoesNotThrow(() -> EntityTags.check("\"7\"", 7, "x"));
        assertDoesNotThrow(() -> EntityTags.check("\"3\", \"7\"", 7, "x"));
        assertThrows(PreconditionFailedException.class, () -> EntityTags.check("\"6\"", 7, "x"));
        assertThrows(PreconditionFailedException.class, () -> EntityTags.check("7", 7, "x"));
        assertThrows(PreconditionFailedException.class, () -> EntityTags.check("W/\"7\"", 7, "x"));
    }

    @Test
    void starMeansTheObjectExists() {
        assertDoesNotThrow(() -> EntityTags.check("*", 7, "x"));
        assertThrows(PreconditionFailedException.class, () -> EntityTags.check("*", 0, "x"));
        assertThrows(PreconditionFailedException.class, () -> EntityTags.check("\"0\"", 0, "x"));
    }

    @Test
    void theWholeStateExistsEvenAtRevisionZero() {
        assertDoesNotThrow(() -> EntityTags.check("\"0\"", 0, true, "the configuration"));
        assertThrows(PreconditionFailedException.class, () -> EntityTags.check("\"1\"", 0, true, "the configuration"));
    }
}
