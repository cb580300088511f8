package io.lvsdirector.health;

import io.lvsdirector.model.HealthCheck;
import java.util.Objects;

/**
 * One check against one endpoint, with the port already resolved. This is the dedup key: virtual
 * services whose real servers resolve to equal targets share a single probe stream.
 */
public record ProbeTarget(HealthCheck check, String address, int port) {

    public ProbeTarget {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(address, "address");
    }

    /** For log lines: {@code HTTP 10.0.0.1:80}. */
    public String describe() {
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return check.type() + " " + host + ":" + port;
    }

    @Override
    public String toString() {
        return describe();
    }
}
