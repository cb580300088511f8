package io.lvsdirector.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The netlink messages {@code ipvsadm} exchanged with a real kernel, from
 * {@code src/test/resources/ipvs-golden} (see its README). For byte-exact codec tests:
 * {@code assertArrayEquals(IpvsGoldenVectors.normalized("add-dest-dr"), normalize(ourBytes))}.
 */
public final class IpvsGoldenVectors {

    /** nlmsg_type of generic-netlink controller messages; every other family id is assigned at run time. */
    public static final int GENL_ID_CTRL = 0x10;

    private static final String DIRECTORY = "/ipvs-golden/";

    private IpvsGoldenVectors() {
    }

    /** The message in {@code <name>.hex} exactly as captured, e.g. {@code "add-dest-dr"} or {@code "get-info.reply"}. */
    public static byte[] message(String name) {
        try (InputStream in = IpvsGoldenVectors.class.getResourceAsStream(DIRECTORY + name + ".hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden vector " + DIRECTORY + name + ".hex");
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s+", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The captured message with the varying header fields normalized (see {@link #normalize}). */
    public static byte[] normalized(String name) {
        return normalize(message(name));
    }

    /**
     * A copy with nlmsg_seq and nlmsg_pid zeroed and a dynamic family id (anything but the controller's)
     * replaced by 0xFFFF, so messages from different runs and kernels compare byte for byte.
     */
    public static byte[] normalize(byte[] message) {
        byte[] copy = message.clone();
        ByteBuffer header = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(header.getShort(4));
        if (type != GENL_ID_CTRL && type >= 0x10) {
            header.putShort(4, (short) 0xFFFF);
        }
        header.putInt(8, 0);
        header.putInt(12, 0);
        return copy;
    }
}
