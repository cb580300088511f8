package io.lvsdirector.store;

import io.lvsdirector.model.JsonFieldNames;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.ObjectKind;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Violation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;

/** Runs Bean Validation over every object of a state and reports violations per object. */
final class BeanViolations {

    private BeanViolations() {
    }

    static List<Violation> of(Validator validator, DesiredState state) {
        List<Violation> out = new ArrayList<>();
        state.vrrpInstances().forEach(o -> check(validator, ObjectKey.of(ObjectKind.VRRP_INSTANCE, o.name()), o, out));
        state.vips().forEach(o -> check(validator, ObjectKey.of(ObjectKind.VIP, o.name()), o, out));
        state.virtualServices().forEach(o -> check(validator, ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, o.name()), o, out));
        for (RealServer r : state.realServers()) {
            check(validator, ObjectKey.realServer(r.virtualService(), r.name()), r, out);
        }
        return out;
    }

    private static void check(Validator validator, ObjectKey key, Object o, List<Violation> out) {
        validator.validate(o).forEach(v -> out.add(
                new Violation(key, JsonFieldNames.of(key.kind(), v.getPropertyPath().toString()), v.getMessage())));
    }
}
