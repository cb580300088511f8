package io.lvsdirector.vrrp;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus view of every instance, read from the worker's published snapshots at scrape time:
 * {@code lvs_vrrp_state{instance,state}} (1 for the current state), transitions, adverts sent and received,
 * and drops by reason. Meters are registered the first time an instance shows up; counters restart from zero
 * when a configuration change replaces the instance, which Prometheus reads as a counter reset.
 */
@Startup
@ApplicationScoped
public class VrrpMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    VrrpService vrrp;

    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void init() {
        // Listener first, then the scan: a transition before the listener has already published its status.
        vrrp.addListener(event -> register(event.instance()));
        vrrp.statuses().keySet().forEach(this::register);
    }

    void register(String instance) {
        if (!registered.add(instance)) {
            return;
        }
        for (VrrpState state : VrrpState.values()) {
            Gauge.builder("lvs.vrrp.state", vrrp, v -> stateValue(v.status(instance), state))
                    .description("1 for the instance's current VRRP state, 0 for the others")
                    .tag("instance", instance).tag("state", state.name()).register(registry);
        }
        counter(instance, "lvs.vrrp.transitions", "VRRP state transitions", c -> c.transitions());
        counter(instance, "lvs.vrrp.adverts.sent", "VRRP advertisements sent", c -> c.advertsSent());
        counter(instance, "lvs.vrrp.adverts.received", "VRRP advertisements accepted", c -> c.advertsReceived());
        for (DropReason reason : DropReason.values()) {
            FunctionCounter.builder("lvs.vrrp.drops", vrrp, v -> counters(v, instance).map(c -> (double) c.drops(reason))
                            .orElse(0.0))
                    .description("received VRRP packets dropped (or only logged), by reason")
                    .tag("instance", instance).tag("reason", reason.name()).register(registry);
        }
    }

    private void counter(String instance, String name, String description,
            ToDoubleFunction<VrrpCounters.Snapshot> value) {
        FunctionCounter.builder(name, vrrp, v -> counters(v, instance).map(value::applyAsDouble).orElse(0.0))
                .description(description).tag("instance", instance).register(registry);
    }

    private static Optional<VrrpCounters.Snapshot> counters(VrrpService v, String instance) {
        return v.status(instance).map(s -> s.status().counters());
    }

    private static double stateValue(Optional<VrrpInstanceStatus> status, VrrpState state) {
        return status.map(s -> s.state() == state ? 1.0 : 0.0).orElse(Double.NaN);
    }
}
