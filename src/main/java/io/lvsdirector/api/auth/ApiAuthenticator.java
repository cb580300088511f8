package io.lvsdirector.api.auth;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides whether a request may go on. Resolved at start-up, so that a missing token stops the
 * service with a clear message instead of failing every write later.
 */
@Singleton
@Startup
public class ApiAuthenticator {

    private static final Logger LOG = Logger.getLogger(ApiAuthenticator.class);

    /** The outcome for one request. */
    public enum Verdict {
        ALLOWED, MISSING, WRONG
    }

    private final ApiAuthConfig config;
    private Optional<BearerToken> token = Optional.empty();

    ApiAuthenticator(ApiAuthConfig config) {
        this.config = config;
    }

    @PostConstruct
    void resolve() {
        if (config.auth() == ApiAuthConfig.AuthMode.none) {
            LOG.warn("API authentication is OFF (lvs.api.auth=none): anybody who can reach the port can change "
                    + "the load balancer. Set lvs.api.auth=token and a token for production.");
            return;
        }
        token = Optional.of(BearerToken.resolve(config.token(), config.tokenFile()));
    }

    /** Methods that change something always need the token. */
    public boolean isWrite(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> false;
            default -> true;
        };
    }

    public boolean protectsReads() {
        return config.protectReads();
    }

    /** Checks an {@code Authorization} header value (null when absent). */
    public Verdict check(String authorization) {
        if (token.isEmpty()) {
            return Verdict.ALLOWED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Verdict.MISSING;
        }
        return token.get().matches(authorization.substring(7).trim()) ? Verdict.ALLOWED : Verdict.WRONG;
    }
}
