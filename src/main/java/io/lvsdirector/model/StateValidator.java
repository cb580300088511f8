package io.lvsdirector.model;

import java.util.List;

/**
 * The rules that span fields and objects (Bean Validation covers single fields): address
 * families agree, references exist, (VIP, protocol, port) is unique, thresholds are ordered,
 * DR/TUN constraints, VRRP interval granularity per version.
 */
public final class StateValidator {

    private StateValidator() {
    }

    /** All violations of the cross-field and cross-object rules; empty when the state is valid. */
    public static List<Violation> validate(DesiredState state) {
        return List.of(); // TODO rules
    }
}
