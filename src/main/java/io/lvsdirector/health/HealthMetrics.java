package io.lvsdirector.health;

import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.ObjectKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus figures of health checking: check duration per type and outcome (a histogram, not per
 * target, to keep cardinality down), and per real server its up/down state and transitions. Gauges
 * follow the monitor's subscriptions when {@link #refresh} is called after an update.
 */
public final class HealthMetrics implements ProbeObserver, HealthListener {

    static final String DURATION = "lvs.health.check.duration";
    static final String UP = "lvs.health.up";
    static final String TRANSITIONS = "lvs.health.transitions";

    private final MeterRegistry registry;
    private final HealthMonitor monitor;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<ObjectKey, Gauge> gauges = new HashMap<>();

    public HealthMetrics(MeterRegistry registry, HealthMonitor monitor) {
        this.registry = registry;
        this.monitor = monitor;
        monitor.addObserver(this);
        monitor.addListener(this);
    }

    @Override
    public void probed(ProbeTarget target, CheckResult result) {
        CheckType type = target.check().type();
        String outcome = result.success() ? "up" : "down";
        timers.computeIfAbsent(type + "/" + outcome, k -> Timer.builder(DURATION)
                        .description("Duration of one health check")
                        .tag("type", type.name()).tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .register(registry))
                .record(result.latencyNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void healthChanged(HealthChange change) {
        if (change.previous().state() == change.current().state()) {
            return; // a new dynamic weight is no up/down transition
        }
        for (ObjectKey server : change.subscribers()) {
            Counter.builder(TRANSITIONS)
                    .description("Up/down transitions of a real server")
                    .tag("virtual_service", server.scope()).tag("real_server", server.name())
                    .tag("to", change.current().state().name())
                    .register(registry).increment();
        }
    }

    /** Registers the up gauge of every checked real server, and removes those of the others. */
    public synchronized void refresh() {
        Set<ObjectKey> current = monitor.subscribers();
        gauges.entrySet().removeIf(e -> {
            if (!current.contains(e.getKey())) {
                registry.remove(e.getValue());
                return true;
            }
            return false;
        });
        for (ObjectKey server : current) {
            gauges.computeIfAbsent(server, s -> Gauge.builder(UP, monitor,
                            m -> m.status(s).state() == HealthState.DOWN ? 0 : 1)
                    .description("1 while the real server's health check says up, 0 while down")
                    .tag("virtual_service", s.scope()).tag("real_server", s.name())
                    .register(registry));
        }
    }
}
