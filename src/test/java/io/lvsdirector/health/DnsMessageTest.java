package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.DnsCheckSpec;
import io.lvsdirector.model.DnsQueryType;
import io.lvsdirector.model.DnsRcode;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsMessageTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void queryIsByteForByteRfc1035() {
        byte[] q = DnsMessage.query(0x1234, "www.example.com.", 1);
        assertArrayEquals(hex("1234 0100 0001 0000 0000 0000"
                + "03 777777 07 6578616d706c65 03 636f6d 00" + "0001 0001"), q);
        assertArrayEquals(DnsMessage.query(0x1234, "www.example.com", 1), q, "trailing dot optional");
        assertArrayEquals(hex("0001 0100 0001 0000 0000 0000 00 0002 0001"), DnsMessage.query(1, ".", 2));
    }

    @Test
    void queryRejectsBadLabels() {
        assertThrows(IllegalArgumentException.class, () -> DnsMessage.query(1, "a..b", 1));
        assertThrows(IllegalArgumentException.class, () -> DnsMessage.query(1, "x".repeat(64) + ".com", 1));
    }

    /** A reply to www.example.com A with a CNAME (compressed owner) and an A record. */
    static final String REPLY = "1234 8180 0001 0002 0000 0000"
            + "03 777777 07 6578616d706c65 03 636f6d 00 0001 0001"
            + "c00c 0005 0001 0000003c 0006 03 616263 c010"
            + "c02d 0001 0001 0000003c 0004 7f000001";

    @Test
    void parsesHeaderSkipsQuestionsAndListsAnswerTypesThroughCompression() {
        DnsMessage.Reply r = DnsMessage.parse(hex(REPLY));
        assertEquals(0x1234, r.id());
        assertTrue(r.response());
        assertFalse(r.truncated());
        assertEquals(0, r.rcode());
        assertEquals(List.of(5, 1), r.answerTypes());
    }

    @Test
    void rejectsTruncatedMessages() {
        byte[] full = hex(REPLY);
        for (int cut : new int[] {5, 20, full.length - 1}) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            assertThrows(IllegalArgumentException.class, () -> DnsMessage.parse(part), "cut at " + cut);
        }
    }

    @Test
    void judgeChecksIdRcodeAndAnswerPresence() {
        DnsCheckSpec a = new DnsCheckSpec("www.example.com", DnsQueryType.A, null);
        assertNull(DnsChecker.judge(hex(REPLY), 0x1234, a));
        assertTrue(DnsChecker.judge(hex(REPLY), 0x1235, a).contains("does not answer"));
        DnsCheckSpec aaaa = new DnsCheckSpec("www.example.com", DnsQueryType.AAAA, null);
        assertEquals("no AAAA answer for www.example.com", DnsChecker.judge(hex(REPLY), 0x1234, aaaa));
        byte[] nx = hex("1234 8183 0001 0000 0000 0000 03 777777 07 6578616d706c65 03 636f6d 00 0001 0001");
        assertEquals("DNS rcode NXDOMAIN, expected NOERROR", DnsChecker.judge(nx, 0x1234, a));
        assertNull(DnsChecker.judge(nx, 0x1234, new DnsCheckSpec("www.example.com", null, DnsRcode.NXDOMAIN)));
        assertTrue(DnsChecker.judge(hex("1234"), 0x1234, a).startsWith("malformed DNS reply"));
    }
}
