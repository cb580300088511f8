package io.lvsdirector.ipvs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reconcile pass: writes made, failures (each against the API object it
 * serves), services found that we do not manage, and how long it took.
 */
public record ReconcileResult(Instant finishedAt, Duration duration, long stateRevision, List<String> applied,
        List<Failure> failures, List<String> foreign) {

    public ReconcileResult {
        applied = List.copyOf(applied);
        failures = List.copyOf(failures);
        foreign = List.copyOf(foreign);
    }

    /** True when every desired object is in the kernel as desired. */
    public boolean inSync() {
        return failures.isEmpty();
    }

    /** One write that failed: the object it was for, what was tried and the kernel's reason. */
    public record Failure(String object, String operation, String reason) {
    }
}
