package io.lvsdirector.vrrp;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VrrpInstance;
import io.lvsdirector.netlink.NetworkNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A {@link VrrpWorker} whose loop thread lives in a test namespace, plus shortcuts for its one instance. */
final class NamespacedWorker implements AutoCloseable {

    final VrrpWorker worker;
    final String instance;
    private boolean stopped;

    private NamespacedWorker(VrrpWorker worker, String instance) {
        this.worker = worker;
        this.instance = instance;
    }

    static NamespacedWorker start(NetworkNamespace ns, DesiredState state) {
        VrrpWorker worker = new VrrpWorker(Clock.system(), loop -> {
            Thread t = new Thread(() -> {
                try {
                    ns.call(() -> {
                        loop.run();
                        return null;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "vrrp-test-" + ns.name());
            t.setDaemon(true);
            return t;
        });
        worker.start(state);
        return new NamespacedWorker(worker, state.vrrpInstances().get(0).name());
    }

    static DesiredState state(VrrpInstance instance, Vip... vips) {
        return new DesiredState(List.of(instance), List.of(vips), List.of(), List.of());
    }

    static VrrpInstance instance(String itf, int version, int priority, int intervalMs) {
        return new VrrpInstance("vi", itf, 51, priority, version, intervalMs, true, 0, List.of(), null, null,
                List.of());
    }

    static Vip vip(String address, int prefix) {
        return new Vip("vip", address, prefix, null, "vi");
    }

    VrrpState state() {
        return status().map(VrrpInstanceStatus::state).orElse(VrrpState.INITIALIZE);
    }

    Optional<VrrpInstanceStatus> status() {
        return worker.status(instance);
    }

    VrrpCounters.Snapshot counters() {
        return status().orElseThrow().status().counters();
    }

    /** Graceful (priority 0, VIPs removed) or crash-like (silence, VIPs left). */
    void stop(boolean graceful) throws InterruptedException {
        if (!stopped) {
            stopped = true;
            if (!worker.stop(graceful, Duration.ofSeconds(20))) {
                throw new AssertionError("worker did not stop");
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(false);
    }
}
