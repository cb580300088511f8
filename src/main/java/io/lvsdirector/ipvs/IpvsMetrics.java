package io.lvsdirector.ipvs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics of the kernel side: reconcile duration, ops and errors, and per virtual
 * service and real server the kernel's own counters, labelled with the API names.
 */
final class IpvsMetrics {

    private final MeterRegistry registry;
    private final Timer duration;
    private final Counter ops;
    private final Counter errors;
    private final Map<String, List<Meter>> perObject = new HashMap<>();
    private final Map<String, Object[]> latest = new HashMap<>();

    IpvsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("lvs.reconcile.duration").description("Time of one reconcile pass")
                .register(registry);
        this.ops = Counter.builder("lvs.reconcile.ops").description("Kernel writes made by the reconciler")
                .register(registry);
        this.errors = Counter.builder("lvs.reconcile.errors").description("Kernel writes that failed")
                .register(registry);
    }

    synchronized void record(ReconcileResult result, IpvsDump dump, KernelTable desired) {
        duration.record(result.duration());
        ops.increment(result.applied().size());
        errors.increment(result.failures().size());
        if (dump != null) {
            updateTraffic(dump, desired);
        }
    }

    private void updateTraffic(IpvsDump dump, KernelTable desired) {
        Set<String> seen = new HashSet<>();
        for (IpvsDump.ServiceView s : dump.services()) {
            KernelTable.Entry want = desired.services().get(s.service().key());
            String vs = want != null ? want.owner() : s.service().key().toString();
            String id = "svc|" + vs;
            seen.add(id);
            latest.put(id, new Object[] {s.stats(), 0L, 0L});
            register(id, Tags.of("virtual_service", vs), "lvs_ipvs_service");
            for (IpvsDump.DestinationView d : s.destinations()) {
                String rs = want != null && want.destinationOwners().containsKey(d.destination().key())
                        ? want.destinationOwners().get(d.destination().key()) : d.destination().key().toString();
                String did = "dst|" + vs + "|" + rs;
                seen.add(did);
                latest.put(did, new Object[] {d.stats(), d.activeConnections(), d.inactiveConnections()});
                register(did, Tags.of("virtual_service", vs, "real_server", rs), "lvs_ipvs_real_server");
            }
        }
        // Objects gone from the kernel stop being reported.
        for (String id : new HashSet<>(perObject.keySet())) {
            if (!seen.contains(id)) {
                perObject.remove(id).forEach(registry::remove);
                latest.remove(id);
            }
        }
    }

    private void register(String id, Tags tags, String prefix) {
        if (perObject.containsKey(id)) {
            return;
        }
        List<Meter> meters = new java.util.ArrayList<>();
        meters.add(counter(prefix + "_connections", tags, id, s -> s.connections()));
        meters.add(counter(prefix + "_packets_in", tags, id, s -> s.packetsIn()));
        meters.add(counter(prefix + "_packets_out", tags, id, s -> s.packetsOut()));
        meters.add(counter(prefix + "_bytes_in", tags, id, s -> s.bytesIn()));
        meters.add(counter(prefix + "_bytes_out", tags, id, s -> s.bytesOut()));
        if (id.startsWith("dst|")) {
            meters.add(Gauge.builder(prefix + "_active_connections", this, m -> m.number(id, 1)).tags(tags)
                    .register(registry));
            meters.add(Gauge.builder(prefix + "_inactive_connections", this, m -> m.number(id, 2)).tags(tags)
                    .register(registry));
        }
        perObject.put(id, meters);
    }

    private Meter counter(String name, Tags tags, String id, ToDoubleFunction<IpvsStats> f) {
        return FunctionCounter.builder(name, this, m -> m.stat(id, f)).tags(tags).register(registry);
    }

    private synchronized double stat(String id, ToDoubleFunction<IpvsStats> f) {
        Object[] v = latest.get(id);
        return v == null ? 0 : f.applyAsDouble((IpvsStats) v[0]);
    }

    private synchronized double number(String id, int index) {
        Object[] v = latest.get(id);
        return v == null ? 0 : ((Number) v[index]).doubleValue();
    }
}
