package io.lvsdirector.health;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body conditions of an HTTP check: a regex searched in the body (decoded as UTF-8) and/or a
 * digest of the raw bytes written {@code sha256:<hex>} or {@code md5:<hex>}.
 */
final class BodyMatcher {

    private final Pattern pattern;
    private final String algorithm;
    private final byte[] digest;

    private BodyMatcher(Pattern pattern, String algorithm, byte[] digest) {
        this.pattern = pattern;
        this.algorithm = algorithm;
        this.digest = digest;
    }

    static BodyMatcher of(String bodyPattern, String bodyDigest) {
        Pattern pattern = bodyPattern == null ? null : Pattern.compile(bodyPattern);
        if (bodyDigest == null) {
            return new BodyMatcher(pattern, null, null);
        }
        int colon = bodyDigest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("body digest must be <algorithm>:<hex>");
        }
        String algorithm = switch (bodyDigest.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "sha256" -> "SHA-256";
            case "md5" -> "MD5";
            default -> throw new IllegalArgumentException("unsupported digest algorithm in " + bodyDigest);
        };
        return new BodyMatcher(pattern, algorithm, HexFormat.of().parseHex(bodyDigest.substring(colon + 1)));
    }

    /** Whether the body must be read at all. */
    boolean needsBody() {
        return pattern != null || digest != null;
    }

    /** Null when the body passes, else why not. */
    String mismatch(byte[] body) {
        if (pattern != null && !pattern.matcher(new String(body, StandardCharsets.UTF_8)).find()) {
            return "body does not match pattern " + pattern.pattern();
        }
        if (digest != null) {
            byte[] actual = digest(body);
            if (!MessageDigest.isEqual(actual, digest)) {
                return "body " + algorithm + " digest is " + HexFormat.of().formatHex(actual) + ", expected "
                        + HexFormat.of().formatHex(digest);
            }
        }
        return null;
    }

    private byte[] digest(byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }
}
