package io.lvsdirector.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The configured API token. Candidates are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, a constant-time comparison that also hides the token's length.
 */
public final class BearerToken {

    private final byte[] digest;

    private BearerToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * The token from {@code token} or the contents of {@code tokenFile} (trimmed); exactly one must
     * be given. Throws {@link IllegalStateException} with a message fit for an operator otherwise.
     */
    public static BearerToken resolve(Optional<String> token, Optional<Path> tokenFile) {
        if (token.isPresent() && tokenFile.isPresent()) {
            throw new IllegalStateException("both lvs.api.token (LVS_API_TOKEN) and lvs.api.token-file "
                    + "(LVS_API_TOKEN_FILE) are set; set only one");
        }
        if (tokenFile.isPresent()) {
            return new BearerToken(read(tokenFile.get()));
        }
        String value = token.map(String::trim).orElse("");
        if (value.isEmpty()) {
            throw new IllegalStateException("lvs.api.auth=token but no token is configured: set lvs.api.token "
                    + "(env LVS_API_TOKEN) or lvs.api.token-file (env LVS_API_TOKEN_FILE), or set lvs.api.auth=none "
                    + "(env LVS_API_AUTH=none) to run the API without authentication");
        }
        return new BearerToken(value);
    }

    private static String read(Path file) {
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the API token file " + file.toAbsolutePath()
                    + " (lvs.api.token-file): " + e, e);
        }
        if (value.isEmpty()) {
            throw new IllegalStateException("the API token file " + file.toAbsolutePath() + " (lvs.api.token-file) is empty");
        }
        return value;
    }

    /** True if {@code candidate} is the token; the time taken does not depend on where they differ. */
    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
