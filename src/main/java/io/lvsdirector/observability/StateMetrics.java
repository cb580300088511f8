package io.lvsdirector.observability;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ObjectKind;
import io.lvsdirector.store.StateStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.util.function.ToIntFunction;

/** Gauges over the committed state: lvs_state_revision and lvs_objects{kind=...}. */
@Singleton
@Startup
public class StateMetrics {

    private final StateStore store;
    private final MeterRegistry registry;

    StateMetrics(StateStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    @PostConstruct
    void register() {
        Gauge.builder("lvs.state.revision", store, s -> s.current().revision())
                .description("Revision of the committed desired state")
                .strongReference(true)
                .register(registry);
        objects(ObjectKind.VRRP_INSTANCE, s -> s.vrrpInstances().size());
        objects(ObjectKind.VIP, s -> s.vips().size());
        objects(ObjectKind.VIRTUAL_SERVICE, s -> s.virtualServices().size());
        objects(ObjectKind.REAL_SERVER, s -> s.realServers().size());
    }

    private void objects(ObjectKind kind, ToIntFunction<DesiredState> count) {
        Gauge.builder("lvs.objects", store, s -> count.applyAsInt(s.current().state()))
                .description("Objects in the committed desired state, by kind")
                .tag("kind", kind.collection())
                .strongReference(true)
                .register(registry);
    }
}
