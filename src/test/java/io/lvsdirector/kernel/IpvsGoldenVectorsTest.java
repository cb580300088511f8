package io.lvsdirector.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The golden vectors are well-formed netlink messages with a description, so codec tests can trust them. */
class IpvsGoldenVectorsTest {

    private static Path directory() throws URISyntaxException {
        return Path.of(IpvsGoldenVectorsTest.class.getResource("/ipvs-golden/README.md").toURI()).getParent();
    }

    private static List<String> names() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".hex"))
                    .map(name -> name.substring(0, name.length() - ".hex".length()))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyVectorIsOneWholeNetlinkMessageWithWellFormedAttributes() throws Exception {
        List<String> names = names();
        assertTrue(names.size() >= 30, "expected the captured set, found " + names);
        for (String name : names) {
            byte[] message = IpvsGoldenVectors.message(name);
            ByteBuffer buffer = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(message.length, buffer.getInt(0), name + ": nlmsg_len must equal the message size");
            int offset = 20;   // nlmsghdr (16) + genlmsghdr (4); attributes follow, 4-byte aligned
            while (offset < message.length) {
                int length = Short.toUnsignedInt(buffer.getShort(offset));
                assertTrue(length >= 4 && offset + length <= message.length,
                        name + ": attribute at " + offset + " has bad length " + length);
                offset += (length + 3) & ~3;
            }
            assertEquals(message.length, offset, name + ": attributes must fill the message exactly");
        }
    }

    @Test
    void everyCaseNamesTheCommandThatProducedIt() throws Exception {
        for (String name : names()) {
            String base = name.replaceFirst("(\\.reply)?(-\\d+)?$", "");
            Path description = directory().resolve(base + ".txt");
            if (!Files.exists(description)) {
                description = directory().resolve(name.replaceFirst("-\\d+$", "") + ".txt");
            }
            assertTrue(Files.exists(description), name + ": no description " + description.getFileName());
            String text = Files.readString(description);
            assertTrue(text.startsWith("command: ") && text.contains("ipvsadm"), description + ":\n" + text);
            assertTrue(text.contains("kernel: "), description + ":\n" + text);
        }
    }

    @Test
    void requestsAreRequestsAndCarryTheIpvsCommandTheirNameSays() {
        assertEquals(1, IpvsGoldenVectors.message("add-service-tcp4-wrr-persistent")[16], "IPVS_CMD_NEW_SERVICE");
        assertEquals(6, IpvsGoldenVectors.message("edit-dest-weight")[16], "IPVS_CMD_SET_DEST");
        assertEquals(17, IpvsGoldenVectors.message("flush")[16], "IPVS_CMD_FLUSH");
        assertEquals(3, IpvsGoldenVectors.message("ctrl-getfamily-ipvs")[16], "CTRL_CMD_GETFAMILY");
        byte[] request = IpvsGoldenVectors.message("add-dest-dr");
        assertEquals(0x0005, ByteBuffer.wrap(request).order(ByteOrder.LITTLE_ENDIAN).getShort(6), "REQUEST|ACK");
    }

    @Test
    void normalizationMasksOnlySequencePortIdAndDynamicFamily() {
        byte[] raw = IpvsGoldenVectors.message("flush");
        byte[] normalized = IpvsGoldenVectors.normalize(raw);
        assertArrayEquals(new byte[] {20, 0, 0, 0, (byte) 0xff, (byte) 0xff, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 1, 0, 0},
                normalized);
        byte[] ctrl = IpvsGoldenVectors.normalized("ctrl-getfamily-ipvs");
        assertEquals(IpvsGoldenVectors.GENL_ID_CTRL, ctrl[4], "the controller's id is fixed and kept");
        assertFalse(java.util.Arrays.equals(raw, normalized));
    }
}
