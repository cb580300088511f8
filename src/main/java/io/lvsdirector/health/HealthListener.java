package io.lvsdirector.health;

/**
 * Told of health transitions only (never of a check that changes nothing), on an event-loop thread:
 * implementations must not block (hand the work to the reconciler's own thread).
 */
@FunctionalInterface
public interface HealthListener {

    void healthChanged(HealthChange change);
}
