package io.lvsdirector.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** VRRPv2 simple-text-password authentication (RFC 2338 type 1); VRRPv3 has none. */
@Schema(description = "VRRPv2 simple password (at most 8 characters, sent in clear text on the wire).")
public record VrrpAuthentication(
        @NotNull Type type,
        @NotBlank @Size(max = 8, message = "must be at most 8 characters (the VRRPv2 authentication field)") String password) {

    public enum Type {
        PASSWORD
    }
}
