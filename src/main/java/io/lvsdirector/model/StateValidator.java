package io.lvsdirector.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules that span fields and objects (Bean Validation covers single fields): address
 * families agree, references exist, (VIP, protocol, port) is unique, thresholds are ordered,
 * DR/TUN constraints, VRRP interval granularity per version. Rules tolerate fields that Bean
 * Validation rejects (nulls, out-of-range values), so both kinds of violation can be reported at once.
 */
public final class StateValidator {

    private StateValidator() {
    }

    /** All violations of the cross-field and cross-object rules; empty when the state is valid. */
    public static List<Violation> validate(DesiredState state) {
        ViolationList out = new ViolationList();
        uniqueNames(state, out);
        StateIndex index = new StateIndex(state);
        VrrpInstanceRules.check(index, out);
        VipRules.check(index, out);
        VirtualServiceRules.check(index, out);
        RealServerRules.check(index, out);
        return out.toList();
    }

    /** A state built from a whole-config document may name two objects alike; the API cannot. */
    private static void uniqueNames(DesiredState state, ViolationList out) {
        Set<ObjectKey> seen = new HashSet<>();
        state.vrrpInstances().forEach(o -> unique(seen, ObjectKey.of(ObjectKind.VRRP_INSTANCE, o.name()), out));
        state.vips().forEach(o -> unique(seen, ObjectKey.of(ObjectKind.VIP, o.name()), out));
        state.virtualServices().forEach(o -> unique(seen, ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, o.name()), out));
        state.realServers().forEach(o -> unique(seen, ObjectKey.realServer(o.virtualService(), o.name()), out));
    }

    private static void unique(Set<ObjectKey> seen, ObjectKey key, ViolationList out) {
        if (!seen.add(key)) {
            out.add(key, "name", "is used by more than one object of this kind");
        }
    }
}
