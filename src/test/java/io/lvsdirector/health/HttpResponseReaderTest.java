package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The HTTP response reader, fed bytes: whole, split at every point, and one at a time. */
class HttpResponseReaderTest {

    private static final int MAX_BODY = 1000;

    private final HttpResponseReader reader = new HttpResponseReader(MAX_BODY);

    @Test
    void aDroppedBodyIsReadToItsEndButNotKept() throws Exception {
        reader.reset(false);
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 5\r\n\r\n";
        assertFalse(reader.take(bytes(head), 0, head.length()));
        assertEquals(503, reader.status());
        assertFalse(reader.take(bytes("body"), 0, 4));
        assertTrue(reader.take(bytes("!"), 0, 1));
        assertEquals(0, reader.body().length);
        assertTrue(reader.take(bytes("ignored"), 0, 7), "bytes after a complete response change nothing");
    }

    @Test
    void aBodyOfLength0IsCompleteAtTheEndOfTheHead() throws Exception {
        reader.reset(true);
        String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
        assertFalse(reader.take(bytes(head), 0, head.length() - 1));
        assertTrue(reader.take(bytes("\n"), 0, 1));
        assertEquals(503, reader.status());
        assertEquals(0, reader.body().length);
        assertTrue(reader.take(bytes("ignored"), 0, 7), "bytes after a complete response change nothing");
    }

    @Test
    void aContentLengthBodyComesWholeHoweverTheBytesAreSplit() throws Exception {
        String response = "HTTP/1.0 200 OK\r\nServer: x\r\ncontent-LENGTH:  12 \r\n\r\nhello world!trailing junk";
        assertSplitsRead(response, 200, "hello world!");
    }

    @Test
    void aChunkedBodyIsDecodedWithExtensionsAndTrailers() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\nA \r\nchunked!!!\r\n0\r\nTrailer-Field: x\r\n\r\n";
        assertSplitsRead(response, 200, "hello chunked!!!");
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws Exception {
        reader.reset(true);
        assertFalse(reader.take(bytes("HTTP/1.1 200 OK\r\n\r\npart one, "), 0, 29));
        assertFalse(reader.take(bytes("part two"), 0, 8));
        reader.end();
        assertTrue(reader.complete());
        assertEquals("part one, part two", new String(reader.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aTransferCodingOtherThanChunkedLastIsReadUntilTheConnectionEnds() throws Exception {
        reader.reset(true);
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\nContent-Length: 2\r\n\r\nabc";
        assertFalse(reader.take(bytes(response), 0, response.length()), "Transfer-Encoding overrides Content-Length");
        reader.end();
        assertEquals("abc", new String(reader.body(), StandardCharsets.US_ASCII));
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        String response = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n";
        assertSplitsRead(response, 204, "");
    }

    @Test
    void bareLineFeedsAndEmptyLinesBeforeTheStatusLineAreTolerated() throws Exception {
        assertSplitsRead("\r\n\nHTTP/1.1 404 Not Found\nContent-Length: 2\n\nno", 404, "no");
    }

    @Test
    void aStatusLineWithoutReasonPhraseIsRead() throws Exception {
        assertSplitsRead("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", 200, "");
    }

    @Test
    void aResponseThatIsNotHttp1IsRefusedWithWhatCame() {
        assertEquals("not an HTTP/1 status line: SSH-2.0-OpenSSH_9.2",
                refusal(true, "SSH-2.0-OpenSSH_9.2\r\n\r\n"));
        assertEquals("not an HTTP/1 status line: HTTP/1.1 20 OK", refusal(true, "HTTP/1.1 20 OK\r\n\r\n"));
        assertEquals("not an HTTP/1 status line: HTTP/1.1 200OK", refusal(true, "HTTP/1.1 200OK\r\n\r\n"));
        assertEquals("status code out of range: HTTP/1.1 099 x", refusal(true, "HTTP/1.1 099 x\r\n\r\n"));
        assertEquals("not an HTTP/1 status line: \\x00\\x01HTTP/1.1 200",
                refusal(true, "\0\1HTTP/1.1 200\r\n\r\n"));
    }

    @Test
    void badFramingIsRefused() {
        assertEquals("invalid Content-Length: 1x", refusal(true, "HTTP/1.1 200 OK\r\nContent-Length:1x\r\n\r\n"));
        assertEquals("conflicting Content-Length fields",
                refusal(true, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"));
        assertEquals("invalid chunk size line: zz",
                refusal(true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
        assertEquals("chunk data longer than its size",
                refusal(true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n"));
    }

    @Test
    void oversizedHeadsAndBodiesAreRefused() throws Exception {
        String big = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(HttpResponseReader.MAX_HEAD_BYTES) + "\r\n\r\n";
        assertEquals("response head larger than 65536 bytes", refusal(false, big));
        String tooLong = "body larger than " + MAX_BODY + " bytes";
        assertEquals(tooLong, refusal(true, "HTTP/1.1 200 OK\r\nContent-Length: 1001\r\n\r\n"));
        assertEquals(tooLong, refusal(true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n"));
        assertEquals(tooLong, refusal(true, "HTTP/1.1 200 OK\r\n\r\n" + "b".repeat(MAX_BODY + 1)));
        assertEquals(tooLong, refusal(true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "ffffffffffffffffff\r\n"));
        // A body that is dropped is read no further than the limit, and not refused.
        String longHead = "HTTP/1.1 200 OK\r\nContent-Length: 1001\r\n\r\n";
        reader.reset(false);
        assertTrue(reader.take(bytes(longHead), 0, longHead.length()));
        String untilClose = "HTTP/1.1 200 OK\r\n\r\n" + "b".repeat(MAX_BODY);
        reader.reset(false);
        assertFalse(reader.take(bytes(untilClose), 0, untilClose.length()));
        assertTrue(reader.take(bytes("b"), 0, 1), "one byte beyond the limit ends the reading");
        assertEquals("", refusal(false, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3e9\r\n"));
    }

    @Test
    void aConnectionThatEndsTooSoonSaysWhere() throws Exception {
        assertEquals("the connection was closed without a response", endedAfter(true, ""));
        assertEquals("the connection was closed before the end of the response head",
                endedAfter(true, "HTTP/1.1 200 OK\r\n"));
        assertEquals("the connection was closed before the end of the response head",
                endedAfter(true, "HTTP/1.1 100 Continue\r\n\r\n"));
        assertEquals("the connection was closed before the end of the body",
                endedAfter(true, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab"));
        assertEquals("the connection was closed before the end of the body",
                endedAfter(true, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n"));
        assertEquals("the connection was closed before the end of the body",
                endedAfter(false, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab"));
        assertEquals("", endedAfter(false, "HTTP/1.1 200 OK\r\n\r\nab"));
    }

    @Test
    void aResetReaderReadsTheNextResponseAfresh() throws Exception {
        assertSplitsRead("HTTP/1.1 500 Oops\r\nContent-Length: 3\r\n\r\nbad", 500, "bad");
        assertSplitsRead("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok");
    }

    /** Reads {@code response} whole, split in two at every point, and a byte at a time (the body kept and dropped). */
    private void assertSplitsRead(String response, int status, String body) throws Exception {
        byte[] all = bytes(response);
        for (int split = 0; split <= all.length; split++) {
            reader.reset(true);
            boolean complete = reader.take(all, 0, split) | reader.take(all, split, all.length - split);
            assertTrue(complete, "split at " + split);
            assertEquals(status, reader.status(), "split at " + split);
            assertArrayEquals(bytes(body), reader.body(), "split at " + split);
        }
        for (boolean keep : new boolean[] {true, false}) {
            reader.reset(keep);
            for (int i = 0; i < all.length && !reader.complete(); i++) {
                reader.take(all, i, 1);
            }
            assertTrue(reader.complete(), "byte by byte, body kept: " + keep);
            assertEquals(status, reader.status());
            assertEquals(keep ? body : "", new String(reader.body(), StandardCharsets.ISO_8859_1));
        }
    }

    /** Why the reader refuses {@code response}, fed whole; "" when it does not. */
    private String refusal(boolean wantBody, String response) {
        reader.reset(wantBody);
        try {
            reader.take(bytes(response), 0, response.length());
            return "";
        } catch (HttpResponseReader.BadResponse e) {
            return e.getMessage();
        }
    }

    /** Why the end of the connection after {@code received} leaves the response incomplete; "" when it does not. */
    private String endedAfter(boolean wantBody, String received) throws Exception {
        reader.reset(wantBody);
        reader.take(bytes(received), 0, received.length());
        HttpResponseReader.BadResponse e;
        try {
            reader.end();
            return "";
        } catch (HttpResponseReader.BadResponse thrown) {
            e = thrown;
        }
        assertThrows(HttpResponseReader.BadResponse.class, reader::end);
        return e.getMessage();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
