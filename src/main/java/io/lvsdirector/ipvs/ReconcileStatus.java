package io.lvsdirector.ipvs;

/**
 * Where the reconciler stands: whether IPVS is reachable (and why not), and the last pass.
 * {@code lastResult} is null until a pass has run.
 */
public record ReconcileStatus(boolean enabled, boolean available, String unavailableReason,
        ReconcileResult lastResult, long desiredRevision) {

    /** In sync: the last pass saw the latest desired revision and every object applied. */
    public boolean inSync() {
        return available && lastResult != null && lastResult.inSync() && lastResult.stateRevision() == desiredRevision;
    }
}
