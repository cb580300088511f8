package io.lvsdirector.health;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one HTTP/1.x response from a connection's bytes as they arrive (RFC 9112): the status line, the header
 * fields and the body as its framing says: chunked transfer coding, a Content-Length, or the end of the
 * connection. The body is kept only when asked for; otherwise it is read and dropped, so that the response is
 * over (and the server has written all of it) before the check ends the connection. Interim (1xx) responses
 * are skipped. No I/O: a health check feeds it what it
 * receives, and tests feed it bytes. Reusable: {@link #reset} keeps its buffers, so a routine check allocates
 * nothing here.
 */
final class HttpResponseReader {

    /** A response's head (status line and fields) beyond this is refused. */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** A chunk-size line (with its extensions) beyond this is refused. */
    private static final int MAX_CHUNK_LINE = 1024;
    /** Buffers up to this size are kept from response to response. */
    private static final int KEPT_BUFFER = 16 * 1024;

    /** A response this reader refuses, or one that ended too soon; the message says why. */
    static final class BadResponse extends Exception {
        BadResponse(String message) {
            super(message, null, false, false); // an ordinary check failure: no stack trace
        }
    }

    private enum Stage { HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE, COMPLETE }

    private final int maxBody;
    private boolean keepBody;
    private Stage stage = Stage.HEAD;
    private byte[] head = new byte[1024];
    private int headLength;
    /** Where the head's current line starts (stage HEAD), or the current trailer line's length. */
    private int lineStart;
    private int status;
    /** Body bytes still to come: of the Content-Length, or of the current chunk. */
    private long remaining;
    private byte[] body = new byte[0];
    private int bodyLength;

    /** Kept bodies longer than {@code maxBody} bytes are refused; a dropped body is read no further than that. */
    HttpResponseReader(int maxBody) {
        this.maxBody = maxBody;
    }

    /**
     * Readies the reader for a new response, whose body it keeps or drops. Buffers grown for a large response
     * are let go.
     */
    void reset(boolean keepBody) {
        if (head.length > KEPT_BUFFER) {
            head = new byte[1024];
        }
        if (body.length > KEPT_BUFFER) {
            body = new byte[0];
        }
        this.keepBody = keepBody;
        stage = Stage.HEAD;
        headLength = 0;
        lineStart = 0;
        status = 0;
        remaining = 0;
        bodyLength = 0;
    }

    /**
     * Takes the next {@code length} bytes of the connection from {@code data[offset]}; returns true once the
     * response is complete (bytes after it are ignored).
     */
    boolean take(byte[] data, int offset, int length) throws BadResponse {
        int i = offset;
        int end = offset + length;
        while (i < end && stage != Stage.COMPLETE) {
            i = switch (stage) {
                case HEAD -> takeHead(data, i, end);
                case LENGTH -> takeCounted(data, i, end, Stage.COMPLETE);
                case CHUNK_SIZE -> takeChunkSize(data, i, end);
                case CHUNK_DATA -> takeCounted(data, i, end, Stage.CHUNK_END);
                case CHUNK_END -> takeChunkEnd(data, i, end);
                case TRAILER -> takeTrailer(data, i, end);
                case UNTIL_CLOSE -> {
                    appendBody(data, i, end - i);
                    yield end;
                }
                case COMPLETE -> end;
            };
        }
        return stage == Stage.COMPLETE;
    }

    /** The connection ended (the peer closed it); returns normally when that completes the response. */
    void end() throws BadResponse {
        switch (stage) {
            case COMPLETE -> { }
            case UNTIL_CLOSE -> stage = Stage.COMPLETE;
            case HEAD -> throw new BadResponse(headLength == 0 && status == 0
                    ? "the connection was closed without a response"
                    : "the connection was closed before the end of the response head");
            default -> throw new BadResponse("the connection was closed before the end of the body");
        }
    }

    boolean complete() {
        return stage == Stage.COMPLETE;
    }

    /** The final response's status code (once the head is in). */
    int status() {
        return status;
    }

    /** The body read (empty when it was dropped). */
    byte[] body() {
        return keepBody ? Arrays.copyOf(body, bodyLength) : new byte[0];
    }

    private int takeHead(byte[] data, int from, int end) throws BadResponse {
        int i = from;
        while (i < end) {
            byte b = data[i++];
            if (headLength == head.length) {
                if (headLength == MAX_HEAD_BYTES) {
                    throw new BadResponse("response head larger than " + MAX_HEAD_BYTES + " bytes");
                }
                head = Arrays.copyOf(head, Math.min(MAX_HEAD_BYTES, head.length * 2));
            }
            head[headLength++] = b;
            if (b != '\n') {
                continue;
            }
            int lineLength = headLength - 1 - lineStart;
            if (lineLength > 0 && head[headLength - 2] == '\r') {
                lineLength--;
            }
            if (lineLength == 0 && lineStart > 0) { // the empty line that ends the head
                headEnded();
                return i;
            }
            if (lineLength == 0) { // empty lines before a status line are tolerated (RFC 9112 section 2.2)
                headLength = 0;
                continue;
            }
            lineStart = headLength;
        }
        return i;
    }

    /** The head is in {@code head[0, headLength)}: reads it and sets the body's framing. */
    private void headEnded() throws BadResponse {
        int code = statusCode();
        long contentLength = -1;
        boolean chunked = false;
        boolean transferCoded = false;
        int line = nextLine(0);
        while (line < headLength) {
            int lineEnd = lineEnd(line);
            int colon = indexOf(':', line, lineEnd);
            if (colon > line) {
                if (nameIs("content-length", line, colon)) {
                    long value = contentLength(colon + 1, lineEnd);
                    if (contentLength >= 0 && value != contentLength) {
                        throw new BadResponse("conflicting Content-Length fields");
                    }
                    contentLength = value;
                } else if (nameIs("transfer-encoding", line, colon)) {
                    transferCoded = true;
                    chunked = lastCodingIsChunked(colon + 1, lineEnd);
                }
            }
            line = nextLine(line);
        }
        headLength = 0;
        lineStart = 0;
        if (code < 200 && code != 101) {
            status = code; // an interim response: the final one follows
            return;
        }
        status = code;
        if (code == 204 || code == 304) {
            stage = Stage.COMPLETE;
        } else if (transferCoded) {
            stage = chunked ? Stage.CHUNK_SIZE : Stage.UNTIL_CLOSE; // RFC 9112 section 6.3, items 4 and 7
        } else if (contentLength >= 0) {
            remaining = contentLength;
            stage = contentLength == 0 ? Stage.COMPLETE : Stage.LENGTH;
            if (contentLength > maxBody) {
                beyondLimit();
            }
        } else {
            stage = Stage.UNTIL_CLOSE;
        }
    }

    /** The status line: {@code HTTP/1.x SP 3DIGIT [SP reason]}. */
    private int statusCode() throws BadResponse {
        int end = lineEnd(0);
        boolean valid = end >= 12 && startsWith("HTTP/1.", 0) && isDigit(head[7]) && head[8] == ' '
                && isDigit(head[9]) && isDigit(head[10]) && isDigit(head[11]) && (end == 12 || head[12] == ' ');
        if (!valid) {
            throw new BadResponse("not an HTTP/1 status line: " + printable(0, Math.min(end, 80)));
        }
        int code = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
        if (code < 100) {
            throw new BadResponse("status code out of range: " + printable(0, Math.min(end, 80)));
        }
        return code;
    }

    private long contentLength(int from, int to) throws BadResponse {
        int start = skipSpaces(from, to);
        int stop = trimSpaces(start, to);
        if (start == stop || stop - start > 18) {
            throw new BadResponse("invalid Content-Length: " + printable(from, to));
        }
        long value = 0;
        for (int i = start; i < stop; i++) {
            if (!isDigit(head[i])) {
                throw new BadResponse("invalid Content-Length: " + printable(from, to));
            }
            value = value * 10 + (head[i] - '0');
        }
        return value;
    }

    /** Whether the field value's last transfer coding is {@code chunked} (codings are comma-separated). */
    private boolean lastCodingIsChunked(int from, int to) {
        int comma = from - 1;
        for (int i = from; i < to; i++) {
            if (head[i] == ',') {
                comma = i;
            }
        }
        int start = skipSpaces(comma + 1, to);
        return nameIs("chunked", start, trimSpaces(start, to));
    }

    /** Takes up to {@link #remaining} body bytes (of the Content-Length or the chunk); then goes on to {@code next}. */
    private int takeCounted(byte[] data, int from, int end, Stage next) throws BadResponse {
        int n = (int) Math.min(remaining, end - from);
        appendBody(data, from, n);
        remaining -= n;
        if (remaining == 0 && stage != Stage.COMPLETE) {
            stage = next;
        }
        return from + n;
    }

    /** A chunk-size line: hex digits, optional extensions after ';', CRLF. Collected in the head's buffer. */
    private int takeChunkSize(byte[] data, int from, int end) throws BadResponse {
        int i = from;
        while (i < end) {
            byte b = data[i++];
            if (b == '\n') {
                chunkSizeLine();
                return i;
            }
            if (headLength == MAX_CHUNK_LINE) {
                throw new BadResponse("chunk size line longer than " + MAX_CHUNK_LINE + " bytes");
            }
            head[headLength++] = b;
        }
        return i;
    }

    private void chunkSizeLine() throws BadResponse {
        int end = headLength > 0 && head[headLength - 1] == '\r' ? headLength - 1 : headLength;
        int digits = 0;
        long size = 0;
        while (digits < end && Character.digit(head[digits], 16) >= 0) {
            if (digits == 15) {
                beyondLimit();
                return;
            }
            size = size * 16 + Character.digit(head[digits++], 16);
        }
        int rest = skipSpaces(digits, end);
        if (digits == 0 || rest < end && head[rest] != ';') {
            throw new BadResponse("invalid chunk size line: " + printable(0, Math.min(end, 80)));
        }
        headLength = 0;
        remaining = size;
        stage = size == 0 ? Stage.TRAILER : Stage.CHUNK_DATA;
        if (bodyLength + size > maxBody) {
            beyondLimit();
        }
    }

    /** The CRLF after a chunk's data. */
    private int takeChunkEnd(byte[] data, int from, int end) throws BadResponse {
        byte b = data[from];
        if (b == '\n') {
            stage = Stage.CHUNK_SIZE;
        } else if (b != '\r') {
            throw new BadResponse("chunk data longer than its size");
        }
        return from + 1;
    }

    /** Trailer fields after the last chunk, up to an empty line; lineStart counts the current line's bytes. */
    private int takeTrailer(byte[] data, int from, int end) throws BadResponse {
        int i = from;
        while (i < end) {
            byte b = data[i++];
            if (b == '\n') {
                if (lineStart == 0) {
                    stage = Stage.COMPLETE;
                    return i;
                }
                lineStart = 0;
            } else if (b != '\r' || lineStart > 0) {
                if (++lineStart > MAX_HEAD_BYTES) {
                    throw new BadResponse("trailer field longer than " + MAX_HEAD_BYTES + " bytes");
                }
            }
        }
        return i;
    }

    private void appendBody(byte[] data, int from, int length) throws BadResponse {
        if (bodyLength + length > maxBody) {
            beyondLimit();
            return;
        }
        if (keepBody) {
            if (bodyLength + length > body.length) {
                body = Arrays.copyOf(body, Math.min(maxBody, Math.max(bodyLength + length, body.length * 2)));
            }
            System.arraycopy(data, from, body, bodyLength, length);
        }
        bodyLength += length;
    }

    /** The body is longer than the limit: refused when it is to be kept; otherwise the reading stops here. */
    private void beyondLimit() throws BadResponse {
        if (keepBody) {
            throw new BadResponse("body larger than " + maxBody + " bytes");
        }
        stage = Stage.COMPLETE;
    }

    private int lineEnd(int line) {
        int lf = indexOf('\n', line, headLength);
        int end = lf < 0 ? headLength : lf;
        return end > line && head[end - 1] == '\r' ? end - 1 : end;
    }

    private int nextLine(int line) {
        int lf = indexOf('\n', line, headLength);
        return lf < 0 ? headLength : lf + 1;
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (head[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private int skipSpaces(int from, int to) {
        int i = from;
        while (i < to && (head[i] == ' ' || head[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The end of {@code head[from, to)} without its trailing spaces and tabs. */
    private int trimSpaces(int from, int to) {
        int stop = to;
        while (stop > from && (head[stop - 1] == ' ' || head[stop - 1] == '\t')) {
            stop--;
        }
        return stop;
    }

    /** Whether {@code head[from, to)} is {@code lowerCaseName}, ignoring ASCII case. */
    private boolean nameIs(String lowerCaseName, int from, int to) {
        if (to - from != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            int b = head[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(String prefix, int from) {
        for (int i = 0; i < prefix.length(); i++) {
            if (head[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The bytes as text for an error message, control characters escaped. */
    private String printable(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (char c : new String(head, from, to - from, StandardCharsets.ISO_8859_1).toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                text.append(String.format("\\x%02x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
