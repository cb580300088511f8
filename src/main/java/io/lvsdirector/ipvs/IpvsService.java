package io.lvsdirector.ipvs;

import io.lvsdirector.store.StateStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the kernel's IPVS table equal to the desired state for the life of the application.
 * Start-up never fails for want of IPVS: the loop reports it and retries.
 */
@ApplicationScoped
public class IpvsService {

    @Inject
    StateStore store;

    @ConfigProperty(name = "lvs.ipvs.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "lvs.ipvs.resync-interval", defaultValue = "10s")
    Duration resyncInterval;

    @ConfigProperty(name = "lvs.ipvs.purge-foreign", defaultValue = "false")
    boolean purgeForeign;

    /** Kernel writes per netlink send (1: each waits for its ACK); see docs/benchmarks-ipvs.md. */
    @ConfigProperty(name = "lvs.ipvs.batch-size", defaultValue = "" + Reconciler.DEFAULT_BATCH_SIZE)
    int batchSize;

    @ConfigProperty(name = "lvs.ipvs.owned-file")
    Optional<Path> ownedFile;

    @ConfigProperty(name = "lvs.state.file")
    Path stateFile;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    private volatile ReconcileLoop loop;
    private volatile DesiredTableBuilder tableBuilder = new DesiredTableBuilder();

    void onStart(@Observes StartupEvent ev) {
        if (!enabled) {
            return;
        }
        Path owned = ownedFile.orElseGet(() -> stateFile.toAbsolutePath().resolveSibling("ipvs-owned.txt"));
        loop = new ReconcileLoop(GenlIpvsKernel::open, store::current, s -> tableBuilder.build(s),
                new OwnedServices(owned), purgeForeign, resyncInterval, Clock.systemUTC(), batchSize);
        IpvsMetrics metrics = new IpvsMetrics(registry);
        loop.addResultListener(r -> metrics.record(r, loop.lastDump(), tableBuilder.build(store.current().state())));
        store.addListener(s -> loop.requestPass());
        loop.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        ReconcileLoop l = loop;
        if (l != null) {
            l.close();
        }
    }

    /** Replaces how real-server weights are chosen (e.g. by health) and reconciles with it. */
    public void useTableBuilder(DesiredTableBuilder builder) {
        tableBuilder = builder;
        requestPass();
    }

    public void requestPass() {
        ReconcileLoop l = loop;
        if (l != null) {
            l.requestPass();
        }
    }

    public ReconcileStatus status() {
        ReconcileLoop l = loop;
        if (l == null) {
            return new ReconcileStatus(false, false, "IPVS management disabled (lvs.ipvs.enabled=false)", null,
                    store.current().revision());
        }
        return l.status();
    }

    /** The loop, for the kernel views of the API; empty when IPVS management is disabled. */
    public Optional<ReconcileLoop> loop() {
        return Optional.ofNullable(loop);
    }
}
