package io.lvsdirector.api.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Optional;

/** {@code lvs.api.*}: how writes (and optionally reads) to the API are authenticated. */
@ConfigMapping(prefix = "lvs.api")
public interface ApiAuthConfig {

    /** {@code token} (default): a bearer token is required; {@code none}: anybody may write. */
    @WithDefault("token")
    AuthMode auth();

    /** The bearer token itself (env LVS_API_TOKEN). */
    Optional<String> token();

    /** A file holding the bearer token, surrounding white space ignored (env LVS_API_TOKEN_FILE). */
    @WithName("token-file")
    Optional<Path> tokenFile();

    /** Whether reads (GET) need the token too. Off by default: reads reveal no secret but VRRPv2 passwords. */
    @WithName("protect-reads")
    @WithDefault("false")
    boolean protectReads();

    enum AuthMode {
        token, none
    }
}
