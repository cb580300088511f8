package io.lvsdirector.ipvs;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.store.StoredState;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs reconcile passes on one dedicated thread: at start, after every state change (bursts of
 * changes coalesce into one pass), and periodically to repair drift. While IPVS is missing it
 * keeps retrying, so the director recovers by itself when the module appears.
 */
public final class ReconcileLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private final IpvsKernelFactory factory;
    private final Supplier<StoredState> desired;
    private final Function<DesiredState, KernelTable> translate;
    private final OwnedServices owned;
    private final boolean purgeForeign;
    private final Duration resyncInterval;
    private final Clock clock;
    private final int batchSize;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final java.util.List<java.util.function.Consumer<ReconcileResult>> resultListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private volatile IpvsKernel kernel;
    private volatile Reconciler reconciler;
    private volatile String unavailableReason = "not started";
    private volatile ReconcileResult lastResult;

    public ReconcileLoop(IpvsKernelFactory factory, Supplier<StoredState> desired,
            Function<DesiredState, KernelTable> translate, OwnedServices owned, boolean purgeForeign,
            Duration resyncInterval, Clock clock) {
        this(factory, desired, translate, owned, purgeForeign, resyncInterval, clock, 1);
    }

    /** @param batchSize kernel writes per netlink send, see {@link Reconciler#Reconciler(IpvsKernel, OwnedServices, Clock, int)} */
    public ReconcileLoop(IpvsKernelFactory factory, Supplier<StoredState> desired,
            Function<DesiredState, KernelTable> translate, OwnedServices owned, boolean purgeForeign,
            Duration resyncInterval, Clock clock, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1");
        }
        this.batchSize = batchSize;
        this.factory = factory;
        this.desired = desired;
        this.translate = translate;
        this.owned = owned;
        this.purgeForeign = purgeForeign;
        this.resyncInterval = resyncInterval;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ipvs-reconciler");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        long ms = resyncInterval.toMillis();
        executor.scheduleWithFixedDelay(this::runGuarded, 0, ms, TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass soon; requests made while one is queued are folded into it. */
    public void requestPass() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                runGuarded();
            });
        }
    }

    public void addResultListener(java.util.function.Consumer<ReconcileResult> l) {
        resultListeners.add(l);
    }

    public ReconcileStatus status() {
        Reconciler r = reconciler;
        return new ReconcileStatus(true, r != null, r != null ? null : unavailableReason, lastResult,
                desired.get().revision());
    }

    /** The writes a pass would make now (empty if IPVS is unavailable). */
    public Planner.Plan plan() throws IpvsUnavailableException {
        Reconciler r = connected();
        return r.plan(translate.apply(desired.get().state()), purgeForeign);
    }

    /** The live kernel table with counters. */
    public IpvsDump kernelDump() throws IpvsUnavailableException {
        connected();
        return kernel.dumpWithStats();
    }

    /** The table the kernel should hold for the latest desired state. */
    public KernelTable desiredTable() {
        return translate.apply(desired.get().state());
    }

    /** Kernel services this director created or adopted. */
    public java.util.Set<ServiceKey> ownedKeys() {
        return owned.keys();
    }

    /** The table with counters as the last pass read it, without touching the kernel (null before). */
    public IpvsDump lastDump() {
        Reconciler r = reconciler;
        return r == null ? null : r.lastDump();
    }

    private Reconciler connected() throws IpvsUnavailableException {
        Reconciler r = reconciler;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (reconciler == null) {
                try {
                    kernel = factory.open();
                } catch (IpvsUnavailableException e) {
                    if (!e.getMessage().equals(unavailableReason)) {
                        LOG.warnf("IPVS unavailable: %s (will retry every %s)", e.getMessage(), resyncInterval);
                    }
                    unavailableReason = e.getMessage();
                    throw e;
                }
                reconciler = new Reconciler(kernel, owned, clock, batchSize);
                unavailableReason = null;
                LOG.info("IPVS available; reconciling");
            }
            return reconciler;
        }
    }

    private void runGuarded() {
        try {
            Reconciler r = connected();
            StoredState s = desired.get();
            ReconcileResult res = r.reconcile(s.state(), s.revision(), translate.apply(s.state()), purgeForeign);
            if (!res.applied().isEmpty() || !res.failures().isEmpty()) {
                LOG.infof("reconciled revision %d in %d ms: %d ops, %d errors%s", s.revision(),
                        res.duration().toMillis(), res.applied().size(), res.failures().size(),
                        res.failures().isEmpty() ? "" : " " + res.failures());
            }
            try {
                resultListeners.forEach(l -> l.accept(res));
            } finally {
                // Published after the listeners (the metrics among them), so that whoever sees this
                // pass in status() also finds its kernel writes counted.
                lastResult = res;
            }
        } catch (IpvsUnavailableException e) {
            // status() reports it; retried at the next period
        } catch (IpvsException e) {
            // The connection itself failed (e.g. the dump): reopen next time.
            LOG.warnf("reconcile pass failed: %s", e.getMessage());
            unavailableReason = e.getMessage();
            reconciler = null;
        } catch (RuntimeException e) {
            LOG.error("reconcile pass failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
