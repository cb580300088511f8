package io.lvsdirector.health;

import io.lvsdirector.ipvs.DesiredTableBuilder;
import io.lvsdirector.ipvs.IpvsService;
import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.SorryServer;
import io.lvsdirector.model.VirtualService;
import io.lvsdirector.store.StateStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Health checking for the life of the application: follows the desired state's checks, and feeds
 * the results to the reconciler as the destinations each virtual service should carry. A health
 * transition asks for one reconcile pass, whose plan holds exactly the destination updates it needs.
 */
@ApplicationScoped
public class HealthService {

    private static final Logger LOG = Logger.getLogger(HealthService.class);

    @Inject
    StateStore store;

    @Inject
    IpvsService ipvs;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "lvs.health.enabled", defaultValue = "true")
    boolean enabled;

    private volatile HealthMonitor monitor;
    private CheckRunner runner;
    private HealthMetrics metrics;
    /** Whether each service's sorry server is in: the quorum hysteresis depends on it. */
    private final Map<String, Boolean> sorryActive = new ConcurrentHashMap<>();

    void onStart(@Observes @Priority(10) StartupEvent ev) {
        if (!enabled) {
            return;
        }
        runner = new CheckRunner(vertx);
        monitor = new HealthMonitor(vertx, runner);
        metrics = new HealthMetrics(registry, monitor);
        monitor.addListener(change -> ipvs.requestPass());
        store.addListener(s -> follow(s.state()));
        follow(store.current().state());
        ipvs.useTableBuilder(new DesiredTableBuilder(this::select));
    }

    void onStop(@Observes ShutdownEvent ev) {
        HealthMonitor m = monitor;
        if (m != null) {
            m.close();
            runner.close();
        }
    }

    /** The health of one real server; UNKNOWN when it is not checked. */
    public HealthStatus status(String virtualService, String realServer) {
        HealthMonitor m = monitor;
        return m == null ? HealthStatus.UNKNOWN : m.status(ObjectKey.realServer(virtualService, realServer));
    }

    private synchronized void follow(DesiredState state) {
        Map<ObjectKey, ProbeTarget> wanted = new HashMap<>();
        for (VirtualService vs : state.virtualServices()) {
            for (RealServer rs : state.realServersOf(vs.name())) {
                try {
                    HealthTargets.resolve(vs, vs.healthCheck(), rs, rs.healthCheck())
                            .ifPresent(t -> wanted.put(ObjectKey.realServer(vs.name(), rs.name()), t));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("real server %s/%s is not checked: %s", vs.name(), rs.name(), e.getMessage());
                }
            }
        }
        sorryActive.keySet().retainAll(state.virtualServices().stream().map(VirtualService::name).toList());
        monitor.update(wanted);
        metrics.refresh();
        // A server that joins a running probe stream inherits its state without a transition event.
        ipvs.requestPass();
    }

    /** The real servers the kernel should carry for a service, by the weight policy. */
    private List<RealServer> select(VirtualService vs, List<RealServer> configured) {
        ServicePolicy policy = new ServicePolicy(vs.onFailure(), vs.quorum(), vs.sorryServer());
        DestinationPlan plan = WeightPolicy.plan(vs, policy, configured,
                rs -> status(vs.name(), rs.name()), sorryActive.getOrDefault(vs.name(), false));
        Boolean before = sorryActive.put(vs.name(), plan.sorryActive());
        if (before != null && before != plan.sorryActive()) {
            LOG.infof("virtual service %s: %d real server(s) up, sorry server %s", vs.name(), plan.upCount(),
                    plan.sorryActive() ? "in" : "out");
        }
        Map<String, RealServer> byName = new HashMap<>();
        configured.forEach(rs -> byName.put(rs.name(), rs));
        List<RealServer> out = new ArrayList<>();
        for (DesiredDestination d : plan.destinations()) {
            if (d.isSorryServer()) {
                out.add(sorryServer(vs, vs.sorryServer()));
            } else {
                out.add(byName.get(d.realServer()).withKernelWeight(d.weight()));
            }
        }
        return out;
    }

    /** The sorry server as a destination of the service, with the service's forwarding method. */
    private static RealServer sorryServer(VirtualService vs, SorryServer s) {
        return new RealServer("sorry-server", vs.name(), s.address(), s.port(), 1, null, 0L, 0L, null, true);
    }
}
