package io.lvsdirector.vrrp;

import io.lvsdirector.store.StateStore;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link VrrpWorker} with the application: started with the store's current state, fed every new
 * revision, stopped gracefully (priority 0, VIPs removed) on shutdown. Start-up never fails because of VRRP: an
 * instance whose interface is missing is shown in FAULT with the reason, and a worker that cannot run at all
 * makes liveness fail instead. {@code lvs.vrrp.enabled=false} turns VRRP off (tests on a real host do).
 *
 * <p>The read methods are what the REST layer and metrics use; all are thread-safe snapshots.
 */
@Startup
@ApplicationScoped
public class VrrpService {

    private static final Logger LOG = Logger.getLogger(VrrpService.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    @Inject
    StateStore store;

    @ConfigProperty(name = "lvs.vrrp.enabled", defaultValue = "true")
    boolean enabled;

    private volatile VrrpWorker worker;
    private volatile String startFailure;

    @PostConstruct
    void start() {
        if (!enabled) {
            LOG.info("VRRP disabled (lvs.vrrp.enabled=false)");
            return;
        }
        try {
            VrrpWorker w = VrrpWorker.create();
            store.addListener(stored -> w.apply(stored.state()));
            w.start(store.current().state());
            worker = w;
        } catch (RuntimeException | LinkageError e) {
            startFailure = e.toString();
            LOG.error("VRRP worker could not start", e);
        }
    }

    @PreDestroy
    void stop() {
        VrrpWorker w = worker;
        if (w == null) {
            return;
        }
        try {
            if (!w.stop(true, STOP_TIMEOUT)) {
                LOG.warn("VRRP worker did not stop within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Liveness: disabled counts as healthy; enabled needs a running loop. */
    public boolean healthy() {
        VrrpWorker w = worker;
        return !enabled || (w != null && w.isAlive());
    }

    /** Why the worker is not running, when {@link #healthy()} is false. */
    public Optional<String> problem() {
        VrrpWorker w = worker;
        if (!enabled || healthy()) {
            return Optional.empty();
        }
        if (w == null) {
            return Optional.of("VRRP worker did not start: " + startFailure);
        }
        return Optional.of(w.failure().map(t -> "VRRP worker died: " + t).orElse("VRRP worker is not running"));
    }

    /** For {@code GET /api/v1/vrrp-instances/{name}/status}: empty when unknown (or VRRP disabled). */
    public Optional<VrrpInstanceStatus> status(String instance) {
        VrrpWorker w = worker;
        return w == null ? Optional.empty() : w.status(instance);
    }

    public Map<String, VrrpInstanceStatus> statuses() {
        VrrpWorker w = worker;
        return w == null ? Map.of() : w.statuses();
    }

    /** Recent transitions, oldest first (bounded history). */
    public List<VrrpEvent> events() {
        VrrpWorker w = worker;
        return w == null ? List.of() : w.events();
    }

    public List<VrrpEvent> events(String instance) {
        VrrpWorker w = worker;
        return w == null ? List.of() : w.events(instance);
    }

    /** Called on the VRRP thread for every transition; keep it short. */
    public void addListener(Consumer<VrrpEvent> listener) {
        VrrpWorker w = worker;
        if (w != null) {
            w.addListener(listener);
        }
    }
}
