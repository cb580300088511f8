package io.lvsdirector.health;

import io.lvsdirector.model.PayloadEncoding;
import java.util.Base64;
import java.util.HexFormat;

/** Decodes the byte strings of a UDP check as they are written in JSON. */
final class Payloads {

    private Payloads() {
    }

    static byte[] decode(String text, PayloadEncoding encoding) {
        if (text == null) {
            return null;
        }
        return switch (encoding) {
            case HEX -> HexFormat.of().parseHex(text.replace(" ", ""));
            case BASE64 -> Base64.getDecoder().decode(text);
        };
    }

    static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
