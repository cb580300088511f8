package io.lvsdirector.store;

import io.lvsdirector.model.JsonFieldNames;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.ObjectKind;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.StateValidator;
import io.lvsdirector.model.Violation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a state must satisfy to be stored: Bean Validation on its objects, the cross-object
 * rules of {@link StateValidator}, and unique keys (per-object revisions are keyed by name, so a
 * repeated name would make two objects share one identity).
 */
final class StateValidation {

    private final Validator validator;

    StateValidation(Validator validator) {
        this.validator = validator;
    }

    /** Every rule over every object: for a state read from disk. */
    List<Violation> all(DesiredState state) {
        List<Violation> out = new ArrayList<>(duplicates(state));
        out.addAll(BeanViolations.of(validator, state));
        out.addAll(StateValidator.validate(state));
        return out;
    }

    /**
     * The rules for a write: Bean Validation only on the objects it creates or updates (the others
     * passed it when they were stored, and re-checking thousands of unchanged objects on every
     * write would cost more than the fsync), the whole-state rules on the result.
     */
    List<Violation> forWrite(DesiredState next, List<Change> changes) {
        List<Violation> out = new ArrayList<>(duplicates(next));
        for (Change c : changes) {
            if (c.after() != null) {
                validator.validate(c.after()).forEach(
                        v -> out.add(new Violation(c.key(),
                                JsonFieldNames.of(c.key().kind(), v.getPropertyPath().toString()), v.getMessage())));
            }
        }
        out.addAll(StateValidator.validate(next));
        return out;
    }

    static List<Violation> duplicates(DesiredState s) {
        List<Violation> out = new ArrayList<>();
        repeated(s.vrrpInstances(), o -> ObjectKey.of(ObjectKind.VRRP_INSTANCE, o.name()), out);
        repeated(s.vips(), o -> ObjectKey.of(ObjectKind.VIP, o.name()), out);
        repeated(s.virtualServices(), o -> ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, o.name()), out);
        repeated(s.realServers(), (RealServer r) -> ObjectKey.realServer(r.virtualService(), r.name()), out);
        return out;
    }

    private static <T> void repeated(List<T> list, Function<T, ObjectKey> key, List<Violation> out) {
        Set<ObjectKey> seen = new HashSet<>();
        Set<ObjectKey> reported = new HashSet<>();
        for (T o : list) {
            ObjectKey k = key.apply(o);
            if (!seen.add(k) && reported.add(k)) {
                out.add(new Violation(k, "name", "is defined more than once"));
            }
        }
    }
}
