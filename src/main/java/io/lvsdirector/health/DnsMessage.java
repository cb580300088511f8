package io.lvsdirector.health;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The little of RFC 1035 a DNS check needs: build a one-question query, and read a reply's header,
 * skip its questions and list the types of its answers. Names may be compressed (section 4.1.4).
 */
final class DnsMessage {

    static final int HEADER_LENGTH = 12;
    static final int CLASS_IN = 1;
    private static final int FLAG_QR = 0x8000;
    private static final int FLAG_RD = 0x0100;
    private static final int FLAG_TC = 0x0200;

    private DnsMessage() {
    }

    /** A standard query with recursion desired, class IN. */
    static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_LENGTH + name.length() + 6);
        writeShort(out, id);
        writeShort(out, FLAG_RD);
        writeShort(out, 1); // QDCOUNT
        writeShort(out, 0);
        writeShort(out, 0);
        writeShort(out, 0);
        writeName(out, name);
        writeShort(out, type);
        writeShort(out, CLASS_IN);
        return out.toByteArray();
    }

    /** What a check needs of a reply. */
    record Reply(int id, boolean response, boolean truncated, int rcode, List<Integer> answerTypes) {
    }

    static Reply parse(byte[] message) {
        if (message.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("DNS message shorter than its header: " + message.length + " bytes");
        }
        int id = readShort(message, 0);
        int flags = readShort(message, 2);
        int questions = readShort(message, 4);
        int answers = readShort(message, 6);
        int offset = HEADER_LENGTH;
        for (int i = 0; i < questions; i++) {
            offset = skipName(message, offset) + 4; // QTYPE, QCLASS
        }
        List<Integer> types = new ArrayList<>(answers);
        for (int i = 0; i < answers; i++) {
            offset = skipName(message, offset);
            need(message, offset, 10);
            types.add(readShort(message, offset));
            int rdLength = readShort(message, offset + 8);
            offset += 10 + rdLength;
            if (offset > message.length) {
                throw new IllegalArgumentException("DNS answer " + i + " runs past the end of the message");
            }
        }
        return new Reply(id, (flags & FLAG_QR) != 0, (flags & FLAG_TC) != 0, flags & 0x000f, List.copyOf(types));
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        int total = 1;
        if (!trimmed.isEmpty()) {
            for (String label : trimmed.split("\\.", -1)) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length == 0 || bytes.length > 63) {
                    throw new IllegalArgumentException("DNS label of " + bytes.length + " bytes in " + name);
                }
                out.write(bytes.length);
                out.writeBytes(bytes);
                total += 1 + bytes.length;
            }
        }
        out.write(0);
        if (total > 255) {
            throw new IllegalArgumentException("DNS name longer than 255 bytes: " + name);
        }
    }

    /** The offset just past the name at {@code offset}; a compression pointer ends it. */
    private static int skipName(byte[] message, int offset) {
        while (true) {
            need(message, offset, 1);
            int length = message[offset] & 0xff;
            if (length == 0) {
                return offset + 1;
            }
            if ((length & 0xc0) == 0xc0) {
                need(message, offset, 2);
                return offset + 2;
            }
            if ((length & 0xc0) != 0) {
                throw new IllegalArgumentException("reserved DNS label type at offset " + offset);
            }
            offset += 1 + length;
        }
    }

    private static void need(byte[] message, int offset, int count) {
        if (offset + count > message.length) {
            throw new IllegalArgumentException("DNS message truncated at offset " + offset);
        }
    }

    private static int readShort(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 8) | (b[offset + 1] & 0xff);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }
}
