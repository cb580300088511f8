package io.lvsdirector.health;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers DNS queries the way a real server would, written independently of the checker's codec:
 * {@code www.test} A → 127.0.0.1 (with a compressed owner name), any other type of it → NOERROR
 * without answers, any other name → NXDOMAIN.
 */
final class TinyDnsResponder {

    private TinyDnsResponder() {
    }

    static byte[] answer(byte[] query) {
        int end = 12;
        StringBuilder name = new StringBuilder();
        while (query[end] != 0) {
            int len = query[end];
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(query, end + 1, len, StandardCharsets.US_ASCII));
            end += 1 + len;
        }
        end += 1;
        int qtype = ((query[end] & 0xff) << 8) | (query[end + 1] & 0xff);
        end += 4;
        boolean known = name.toString().equals("www.test");
        boolean answer = known && qtype == 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query[0]);
        out.write(query[1]); // same ID
        out.write(0x81); // QR, RD
        out.write(known ? 0x80 : 0x83); // RA, rcode NOERROR or NXDOMAIN
        out.writeBytes(new byte[] {0, 1, 0, (byte) (answer ? 1 : 0), 0, 0, 0, 0});
        out.write(query, 12, end - 12); // the question as asked
        if (answer) {
            out.writeBytes(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1});
        }
        return out.toByteArray();
    }
}
