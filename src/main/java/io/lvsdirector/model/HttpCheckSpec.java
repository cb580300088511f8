package io.lvsdirector.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An HTTP(S) GET: up when the status is one of {@code expectStatus} and, if given, the body matches
 * {@code bodyPattern} (a Java regex, searched) and {@code bodyDigest} ({@code sha256:<hex>} or
 * {@code md5:<hex>} of the whole body). {@code host} is the Host header (default: the address; printable
 * ASCII only, so that it cannot end the header line);
 * {@code sni} the TLS server name (default: {@code host}, none for a bare IP).
 */
public record HttpCheckSpec(
        @Pattern(regexp = "^/.*", message = "must start with '/'") String path,
        @Size(min = 1, max = 255) @Pattern(regexp = "^[\\x21-\\x7e]*$",
                message = "must be a host name or address, optionally with :port, in printable ASCII without spaces")
        String host,
        @Size(min = 1) List<@NotNull @Min(100) @Max(599) Integer> expectStatus,
        String bodyPattern,
        @Pattern(regexp = "^(?i)(sha256:[0-9a-f]{64}|md5:[0-9a-f]{32})$",
                message = "must be sha256:<64 hex digits> or md5:<32 hex digits>") String bodyDigest,
        Boolean tlsVerify,
        @Size(min = 1, max = 255) String sni) {

    public static final HttpCheckSpec DEFAULT = new HttpCheckSpec(null, null, null, null, null, null, null);

    public HttpCheckSpec {
        path = path == null ? "/" : path;
        expectStatus = expectStatus == null ? List.of(200) : List.copyOf(expectStatus);
        tlsVerify = tlsVerify == null ? Boolean.TRUE : tlsVerify;
    }
}
