package io.lvsdirector.store;

import io.lvsdirector.model.Violation;
import java.util.List;

/** A write would produce a state that breaks the rules; nothing was written. */
public class InvalidStateException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidStateException(List<Violation> violations) {
        super("invalid state: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
