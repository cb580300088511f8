package io.lvsdirector.ipvs;

import io.lvsdirector.model.DesiredState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One reconcile pass: dump the kernel, plan against the desired table, apply op by op.
 *
 * <p>A failing op is reported against its object and does not stop the others; the only knock-on
 * skip is that destinations of a service that could not be added are not tried (they cannot
 * succeed and would only repeat the same error).
 */
public final class Reconciler {

    private final IpvsKernel kernel;
    private final OwnedServices owned;
    private final Clock clock;
    private volatile IpvsDump lastDump;

    public Reconciler(IpvsKernel kernel, OwnedServices owned, Clock clock) {
        this.kernel = kernel;
        this.owned = owned;
        this.clock = clock;
    }

    /** What a pass would do now, without doing it. */
    public Planner.Plan plan(KernelTable desired, boolean purgeForeign) {
        return Planner.plan(desired, kernel.dump(), owned.keys(), purgeForeign);
    }

    /** The kernel table with counters as read at the start of the last pass (null before the first). */
    public IpvsDump lastDump() {
        return lastDump;
    }

    public ReconcileResult reconcile(DesiredState state, long revision, KernelTable desired, boolean purgeForeign) {
        Instant start = clock.instant();
        // One read serves planning and the traffic metrics.
        IpvsDump dump = kernel.dumpWithStats();
        lastDump = dump;
        Planner.Plan plan = Planner.plan(desired, dump.table(), owned.keys(), purgeForeign);
        List<String> applied = new ArrayList<>();
        List<ReconcileResult.Failure> failures = new ArrayList<>();
        Set<ServiceKey> failedAdds = new HashSet<>();
        for (IpvsOp op : plan.ops()) {
            if (op instanceof IpvsOp.AddDestination && failedAdds.contains(op.service())) {
                continue;
            }
            try {
                kernel.apply(op);
                applied.add(op.describe());
                recordOwnership(op);
            } catch (IpvsException e) {
                if (op instanceof IpvsOp.AddService) {
                    failedAdds.add(op.service());
                }
                failures.add(new ReconcileResult.Failure(objectName(op), op.describe(), e.getMessage()));
            }
        }
        // Desired services that are in the kernel are ours from now on, so that removing them
        // from the desired state later deletes them (even across a restart).
        Set<ServiceKey> adopted = new HashSet<>(desired.services().keySet());
        adopted.removeAll(failedAdds);
        owned.addAll(adopted);
        List<String> foreign = plan.foreign().stream().map(ServiceKey::toString).toList();
        return new ReconcileResult(clock.instant(), Duration.between(start, clock.instant()), revision, applied,
                failures, foreign);
    }

    private void recordOwnership(IpvsOp op) {
        if (op instanceof IpvsOp.AddService add) {
            owned.add(add.service());
        } else if (op instanceof IpvsOp.DeleteService del) {
            owned.remove(del.service());
        }
    }

    /** The API path of the object an op serves, or the kernel key for cleanup ops. */
    private static String objectName(IpvsOp op) {
        if (op.owner() == null) {
            return op.service().toString();
        }
        if (op instanceof IpvsOp.AddDestination || op instanceof IpvsOp.EditDestination) {
            return "real-server " + op.owner() + " of " + op.service();
        }
        return "virtual-service " + op.owner();
    }
}
