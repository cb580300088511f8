package io.lvsdirector.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.ObjectKind;
import io.lvsdirector.model.Vip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the state file: what a good file gives back, and how a bad one stops start-up. */
class StateFileLoadTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("state.json");
    }

    /** A valid file with two VIPs, a service and two real servers, as the store writes it. */
    private String validFile() {
        FileStateStore s = TestStates.open(file());
        s.write(c -> TestStates.base(), false);
        s.write(c -> TestStates.withVips(c.state(), List.of(TestStates.vip(), new Vip("b-vip", "192.0.2.20", 32, null, null))), false);
        s.write(c -> TestStates.put(c.state(), TestStates.realServer("web-2", 2, 5)), false);
        s.write(c -> TestStates.put(c.state(), TestStates.realServer("web-1", 1, 5)), false);
        return read();
    }

    private String read() {
        try {
            return Files.readString(file());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void writeFile(String text) throws Exception {
        Files.writeString(file(), text);
    }

    /** 1-based number of the first line containing {@code text}. */
    private static int lineOf(String file, String text) {
        String[] lines = file.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private StateFileException loadFails() {
        return assertThrows(StateFileException.class, () -> TestStates.open(file()));
    }

    @Test
    void missingFileGivesEmptyStateAtRevisionZero() {
        FileStateStore s = TestStates.open(file());
        assertEquals(0, s.current().revision());
        assertEquals(0, s.current().state().objectCount());
        assertFalse(Files.exists(file()), "nothing is written until the first commit");
    }

    @Test
    void reloadGivesBackRevisionStateAndObjectRevisions() {
        FileStateStore s = TestStates.open(file());
        s.write(c -> TestStates.base(), false);
        s.write(c -> TestStates.put(c.state(), TestStates.realServer("web-1", 1, 5)), false);
        StoredState before = s.write(c -> TestStates.put(c.state(), TestStates.realServer("web-1", 1, 7)), false).after();

        StoredState loaded = TestStates.open(file()).current();
        assertEquals(before, loaded);
        assertEquals(3, loaded.revision());
        assertEquals(1, loaded.revisionOf(ObjectKey.of(ObjectKind.VIP, "web-vip")));
        assertEquals(3, loaded.revisionOf(ObjectKey.realServer(TestStates.SERVICE, "web-1")));
    }

    @Test
    void everyKindOfObjectRoundTripsThroughTheFile() {
        FileStateStore s = TestStates.open(file());
        io.lvsdirector.model.DesiredState state = new io.lvsdirector.model.DesiredState(
                List.of(new io.lvsdirector.model.VrrpInstance("vi-1", "eth0", 51, 150, 2, 1000, true, 0,
                        List.of("198.51.100.2"), new io.lvsdirector.model.VrrpAuthentication(
                                io.lvsdirector.model.VrrpAuthentication.Type.PASSWORD, "secret"), null, List.of("eth1"))),
                List.of(new Vip("web-vip", "192.0.2.10", 32, "eth0", "vi-1")),
                List.of(TestStates.service(), TestStates.fwmarkService("web-fwm", 10)),
                List.of(new io.lvsdirector.model.RealServer("tun-1", TestStates.SERVICE, "10.0.0.9", null, 3,
                        io.lvsdirector.model.ForwardingMethod.TUN, 100L, 10L, new io.lvsdirector.model.Tunnel(
                                io.lvsdirector.model.TunnelType.gue, 6080, null), false)));
        StoredState written = s.write(c -> state, false).after();
        StoredState loaded = TestStates.open(file()).current();
        assertEquals(written, loaded);
        assertEquals(10L, loaded.state().virtualService("web-fwm").orElseThrow().fwmark());
        assertTrue(read().contains("\"fwmark\" : 10,"), read());
    }

    @Test
    void fileIsIndentedSortedVersionedAndStable() {
        String text = validFile();
        assertTrue(text.startsWith("{\n  \"format\" : 1,\n  \"revision\" : 4,\n  \"state\" : {"), text);
        assertTrue(text.indexOf("\"b-vip\"") < text.indexOf("\"web-vip\""), "VIPs sorted by name");
        assertTrue(text.indexOf("\"web-1\"") < text.indexOf("\"web-2\""), "real servers sorted by name");
        assertTrue(text.indexOf("\"vips/b-vip\" : 2") < text.indexOf("\"vips/web-vip\" : 1"), text);
        assertTrue(text.contains("\"virtual-services/web-http/real-servers/web-1\" : 4"), text);
        assertTrue(text.endsWith("}\n"));
        // Equal states give equal bytes: re-encoding what was loaded reproduces the file.
        StoredState loaded = TestStates.open(file()).current();
        assertEquals(text, new String(new StateFileCodec().encode(loaded), StandardCharsets.UTF_8));
    }

    @Test
    void truncatedFileStopsLoadingWithFileNameAndLine() throws Exception {
        String text = validFile();
        int cut = text.indexOf("\"10.0.0.1\"") + 4;
        writeFile(text.substring(0, cut));
        StateFileException e = loadFails();
        assertTrue(e.getMessage().startsWith("state file " + file() + ": line " + lineOf(text, "\"10.0.0.1\"") + ", column "),
                e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertEquals(text.substring(0, cut), read(), "a bad file is left as it is for the operator");
    }

    @Test
    void syntaxErrorNamesLineAndColumn() throws Exception {
        writeFile("{\n  \"format\" : 1,\n  \"revision\" : 0,\n  \"state\" : { \"vips\" : [ } ]\n}\n");
        StateFileException e = loadFails();
        assertTrue(e.getMessage().contains(": line 4, column 26: not valid JSON"), e.getMessage());
    }

    @Test
    void trailingGarbageIsAnError() throws Exception {
        String text = validFile();
        writeFile(text + "}}garbage");
        StateFileException e = loadFails();
        int last = text.split("\n").length + 1;
        assertTrue(e.getMessage().contains("line " + last + ", column 1: not valid JSON"), e.getMessage());
    }

    @Test
    void emptyOrZeroFilledFileIsAnError() throws Exception {
        writeFile("");
        assertTrue(loadFails().getMessage().contains("the file is empty"));
        byte[] zeros = new byte[64];
        Files.write(file(), zeros);
        String message = loadFails().getMessage();
        assertTrue(message.contains("line 1, column 2: not valid JSON"), message);
        assertArrayEquals(zeros, Files.readAllBytes(file()));
    }

    @Test
    void wrongTypeNamesLineAndJsonPath() throws Exception {
        String text = validFile().replace("\"weight\" : 5,", "\"weight\" : \"heavy\",");
        writeFile(text);
        StateFileException e = loadFails();
        assertTrue(e.getMessage().contains("line " + lineOf(text, "\"heavy\"")), e.getMessage());
        assertTrue(e.getMessage().contains("cannot read state.realServers[0].weight"), e.getMessage());
    }

    @Test
    void unknownFieldIsRejectedWithLine() throws Exception {
        String text = validFile().replaceFirst("\"port\" : 8080,", "\"port\" : 8080, \"colour\" : \"red\",");
        writeFile(text);
        StateFileException e = loadFails();
        assertTrue(e.getMessage().contains("line " + lineOf(text, "colour") + ", column 33: cannot read state.realServers[0].colour"),
                e.getMessage());
    }

    @Test
    void beanViolationNamesTheLineWhereTheObjectStarts() throws Exception {
        String text = validFile();
        int nameLine = lineOf(text, "\"name\" : \"b-vip\"");
        text = text.replaceFirst("\"prefixLength\" : 32", "\"prefixLength\" : 200");
        writeFile(text);
        StateFileException e = loadFails();
        // The object's '{' is on the line before its first field ("vips" : [ { ... or }, {).
        assertTrue(e.getMessage().contains("invalid state (2 problems): line " + (nameLine - 1) + ", column "),
                e.getMessage());
        assertTrue(e.getMessage().contains("vips/b-vip: prefixLength: must be less than or equal to 128"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith("state file " + file()), e.getMessage());
    }

    @Test
    void repeatedNameNamesBothLines() throws Exception {
        String text = validFile().replace("\"name\" : \"b-vip\"", "\"name\" : \"web-vip\"")
                .replace("    \"vips/b-vip\" : 2,\n", "");
        writeFile(text);
        StateFileException e = loadFails();
        String[] lines = text.split("\n");
        int first = lineOf(text, "\"name\" : \"web-vip\"") - 1;
        int second = first + 1 + lineOf(String.join("\n", Arrays.copyOfRange(lines, first + 1, lines.length)),
                "\"name\" : \"web-vip\"") - 1;
        assertTrue(e.getMessage().contains("lines " + first + ", " + second + ": vips/web-vip: name: is defined more than once"),
                e.getMessage());
    }

    @Test
    void elementWithoutNameIsReportedWithItsLine() throws Exception {
        String text = validFile().replace("\"name\" : \"web-2\",", "");
        writeFile(text);
        StateFileException e = loadFails();
        assertTrue(e.getMessage().contains("state.realServers[1]: has no name"), e.getMessage());
        assertTrue(e.getMessage().contains(": line "), e.getMessage());
    }

    @Test
    void repeatedFieldIsAnErrorNotALastOneWins() throws Exception {
        String text = validFile().replace("\"revision\" : 4,", "\"revision\" : 4,\n  \"revision\" : 9,");
        writeFile(text);
        StateFileException e = loadFails();
        assertTrue(e.getMessage().contains("line 4, column "), e.getMessage());
        assertTrue(e.getMessage().contains("Duplicate field 'revision'"), e.getMessage());
    }

    @Test
    void unsupportedFormatIsRefused() throws Exception {
        writeFile(validFile().replace("\"format\" : 1,", "\"format\" : 2,"));
        StateFileException e = loadFails();
        assertTrue(e.getMessage().contains("line 2, column 14: format 2 is not supported"), e.getMessage());
    }

    @Test
    void missingFormatIsRefused() throws Exception {
        writeFile("{ \"revision\" : 0, \"state\" : { } }");
        assertTrue(loadFails().getMessage().contains("no \"format\" field"));
    }

    @Test
    void objectRevisionAfterFileRevisionIsCorruption() throws Exception {
        String text = validFile().replace("\"vips/web-vip\" : 1", "\"vips/web-vip\" : 9");
        writeFile(text);
        StateFileException e = loadFails();
        assertTrue(e.getMessage().contains("line " + lineOf(text, "\"vips/web-vip\" : 9")
                + ", column 22: objectRevisions.vips/web-vip is 9, outside 1..4"), e.getMessage());
    }

    @Test
    void objectRevisionOfAMissingObjectIsRefused() throws Exception {
        String text = validFile().replace("\"vips/web-vip\" : 1", "\"vips/web-vip\" : 1,\n    \"vips/ghost\" : 1");
        writeFile(text);
        assertTrue(loadFails().getMessage().contains("objectRevisions names vips/ghost, which is not in the state"));
    }

    @Test
    void objectAddedByHandGetsTheFileRevision() throws Exception {
        String text = validFile().replace("    \"vips/b-vip\" : 2,\n", "");
        writeFile(text);
        assertEquals(4, TestStates.open(file()).current().revisionOf(ObjectKey.of(ObjectKind.VIP, "b-vip")));
    }

    @Test
    void staleTempFilesAreDeletedAndDoNotPreventLoading() throws Exception {
        String text = validFile();
        Path garbage = dir.resolve("state.json.4242.tmp");
        Path partial = dir.resolve("state.json.17.tmp");
        Path legacy = dir.resolve("state.json.tmp");
        Path unrelated = dir.resolve("other.json.1.tmp");
        Files.write(garbage, new byte[] {0, 1, 2, (byte) 0xff});
        Files.writeString(partial, text.substring(0, text.length() / 2));
        Files.writeString(legacy, "{");
        Files.writeString(unrelated, "keep me");

        FileStateStore s = TestStates.open(file());

        assertEquals(4, s.current().revision());
        assertFalse(Files.exists(garbage));
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(legacy));
        assertTrue(Files.exists(unrelated), "only this state file's temp files are touched");
        assertEquals(text, read());
    }

    @Test
    void tempFilesAloneDoNotCreateAState() throws Exception {
        Files.writeString(dir.resolve("state.json.1.tmp"), "{\"format\":1");
        FileStateStore s = TestStates.open(file());
        assertEquals(0, s.current().revision());
    }
}
