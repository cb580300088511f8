package io.lvsdirector.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** VRRPv2 simple-text-password authentication (RFC 2338 type 1); VRRPv3 has none. */
public record VrrpAuthentication(
        @NotNull Type type,
        @NotBlank @Size(max = 8, message = "must be at most 8 characters (the VRRPv2 authentication field)") String password) {

    public enum Type {
        PASSWORD
    }
}
