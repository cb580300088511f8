package io.lvsdirector.model;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * A command run without a shell (argv). Exit 0 = up. With {@code dynamicWeight} (keepalived's
 * misc_dynamic) exit 1 = down and 2..255 = up with weight {@code code - 2}; otherwise non-zero = down.
 * It sees LVS_RS_ADDRESS and LVS_RS_PORT in its environment and is killed, with its children, at the timeout.
 */
public record ExecCheckSpec(@NotEmpty List<@NotNull String> command, Boolean dynamicWeight) {

    public ExecCheckSpec {
        command = command == null ? null : List.copyOf(command);
        dynamicWeight = dynamicWeight == null ? Boolean.FALSE : dynamicWeight;
    }
}
