package io.lvsdirector.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The destination that takes a virtual service's traffic while its quorum is lost. Port 0: the service's port. */
public record SorryServer(@NotNull String address, @Min(0) @Max(65535) Integer port) {

    public SorryServer {
        port = port == null ? 0 : port;
    }
}
