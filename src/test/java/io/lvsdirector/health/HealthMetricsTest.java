package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.ObjectKey;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthMetricsTest extends LoopbackTest {

    @Test
    void recordsDurationsStateAndTransitionsOfRealProbes() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ObjectKey web1 = ObjectKey.realServer("web", "web-1");
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        try (HealthMonitor monitor = new HealthMonitor(vertx, runner)) {
            HealthMetrics metrics = new HealthMetrics(registry, monitor);
            monitor.update(Map.of(web1, new ProbeTarget(Fixtures.tcp().withTiming(50, 300, 1, 2), "127.0.0.1",
                    deadPort)));
            metrics.refresh();
            Gauge up = registry.find(HealthMetrics.UP).tag("virtual_service", "web").tag("real_server", "web-1")
                    .gauge();
            assertEquals(1.0, up.value(), "initially UP");
            Await.until("DOWN", () -> monitor.status(web1).state() == HealthState.DOWN);
            assertEquals(0.0, up.value());
            Await.until("the transition counted", () -> registry.find(HealthMetrics.TRANSITIONS).tag("to", "DOWN")
                    .counter() != null);
            assertEquals(1.0, registry.find(HealthMetrics.TRANSITIONS).tag("to", "DOWN").counter().count());
            Timer failed = registry.find(HealthMetrics.DURATION).tag("type", "TCP").tag("outcome", "down").timer();
            assertTrue(failed.count() >= 2, "every probe is timed: " + failed.count());

            monitor.update(Map.of());
            metrics.refresh();
            assertNull(registry.find(HealthMetrics.UP).gauge(), "gauges follow the subscriptions");
        }
    }
}
