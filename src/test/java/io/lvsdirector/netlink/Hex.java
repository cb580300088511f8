package io.lvsdirector.netlink;

import java.util.HexFormat;

/** Test helper: hex strings with spaces allowed, for readable byte vectors. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
