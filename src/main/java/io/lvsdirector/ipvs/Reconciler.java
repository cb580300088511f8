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
 *
 * <p>With a batch size above 1 the writes share netlink sends (each still gets its own ACK): first every
 * op except the destinations of services added in this pass, then those destinations, minus the ones
 * whose service add failed.
 */
public final class Reconciler {

    /**
     * Writes per netlink send used by the service. Applying the 11,000 writes of 1,000 services x 10 real servers
     * in the IPVS VM took 0.72x-0.82x the op-by-op time with 16 to 256 per send (less on a busy host), with 172
     * sends instead of 11,000 at 64 (docs/benchmarks-ipvs.md). Sizes above 64 gained nothing more; 64 keeps a
     * send at about 6 KiB and the ACKs of one send well inside the socket's receive queue.
     */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private final IpvsKernel kernel;
    private final OwnedServices owned;
    private final Clock clock;
    private final int batchSize;
    private volatile IpvsDump lastDump;

    /** Op by op: each write waits for its ACK before the next is sent. */
    public Reconciler(IpvsKernel kernel, OwnedServices owned, Clock clock) {
        this(kernel, owned, clock, 1);
    }

    /**
     * @param batchSize writes that may share one netlink send ({@link IpvsKernel#applyAll}); 1 sends them op
     *     by op. Either way every write gets its own ACK, so failures are still reported per object.
     */
    public Reconciler(IpvsKernel kernel, OwnedServices owned, Clock clock, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1");
        }
        this.kernel = kernel;
        this.owned = owned;
        this.clock = clock;
        this.batchSize = batchSize;
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
        Pass pass = new Pass();
        if (batchSize <= 1) {
            for (IpvsOp op : plan.ops()) {
                if (!pass.skipped(op)) {
                    try {
                        kernel.apply(op);
                        pass.done(op, null);
                    } catch (IpvsException e) {
                        pass.done(op, e);
                    }
                }
            }
        } else {
            // Destinations of a service added in this pass go in a second batch, once we know whether the
            // service add worked; everything else has no ordering need beyond the plan's own order.
            Set<ServiceKey> adding = new HashSet<>();
            plan.ops().stream().filter(op -> op instanceof IpvsOp.AddService).forEach(op -> adding.add(op.service()));
            List<IpvsOp> first = new ArrayList<>();
            List<IpvsOp> second = new ArrayList<>();
            for (IpvsOp op : plan.ops()) {
                (op instanceof IpvsOp.AddDestination && adding.contains(op.service()) ? second : first).add(op);
            }
            applyBatch(first, pass);
            applyBatch(second.stream().filter(op -> !pass.skipped(op)).toList(), pass);
        }
        // Desired services that are in the kernel are ours from now on, so that removing them
        // from the desired state later deletes them (even across a restart). One save per pass.
        Set<ServiceKey> adopted = new HashSet<>(desired.services().keySet());
        adopted.removeAll(pass.failedAdds);
        owned.update(adopted, pass.deleted);
        List<String> foreign = plan.foreign().stream().map(ServiceKey::toString).toList();
        return new ReconcileResult(clock.instant(), Duration.between(start, clock.instant()), revision, pass.applied,
                pass.failures, foreign);
    }

    private void applyBatch(List<IpvsOp> ops, Pass pass) {
        if (ops.isEmpty()) {
            return;
        }
        List<IpvsException> errors = kernel.applyAll(ops, batchSize);
        for (int i = 0; i < ops.size(); i++) {
            pass.done(ops.get(i), errors.get(i));
        }
    }

    /** What one pass did so far. */
    private static final class Pass {
        final List<String> applied = new ArrayList<>();
        final List<ReconcileResult.Failure> failures = new ArrayList<>();
        final Set<ServiceKey> failedAdds = new HashSet<>();
        final Set<ServiceKey> deleted = new HashSet<>();

        /** Destinations of a service that could not be added cannot succeed and would repeat its error. */
        boolean skipped(IpvsOp op) {
            return op instanceof IpvsOp.AddDestination && failedAdds.contains(op.service());
        }

        void done(IpvsOp op, IpvsException error) {
            if (error == null) {
                applied.add(op.describe());
                if (op instanceof IpvsOp.DeleteService) {
                    deleted.add(op.service());
                }
                return;
            }
            if (op instanceof IpvsOp.AddService) {
                failedAdds.add(op.service());
            }
            failures.add(new ReconcileResult.Failure(objectName(op), op.describe(), error.getMessage()));
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
