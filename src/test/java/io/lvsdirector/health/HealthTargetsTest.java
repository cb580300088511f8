package io.lvsdirector.health;

import static io.lvsdirector.health.Fixtures.server;
import static io.lvsdirector.health.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.ExecCheckSpec;
import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HttpCheckSpec;
import io.lvsdirector.model.UdpCheckSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTargetsTest {

    private static HealthCheck tcpOnPort(Integer port) {
        return new HealthCheck(CheckType.TCP, null, null, null, null, null, null, port, null, null, null, null);
    }

    @Test
    void theServerOverrideReplacesTheServiceDefault() {
        HealthCheck serviceDefault = Fixtures.tcp();
        HealthCheck override = Fixtures.http(CheckType.HTTP, HttpCheckSpec.DEFAULT);
        ProbeTarget t = HealthTargets.resolve(service("web", 80), serviceDefault, server("a", "10.0.0.1", 8080, 1,
                true), override).orElseThrow();
        assertEquals(CheckType.HTTP, t.check().type());
        assertEquals(new ProbeTarget(override, "10.0.0.1", 8080), t);
    }

    @Test
    void portComesFromTheOverrideThenTheServerThenTheService() {
        assertEquals(9000, HealthTargets.resolve(service("web", 80), tcpOnPort(9000), server("a", "10.0.0.1", 8080,
                1, true), null).orElseThrow().port());
        assertEquals(8080, HealthTargets.resolve(service("web", 80), tcpOnPort(null), server("a", "10.0.0.1", 8080,
                1, true), null).orElseThrow().port());
        assertEquals(80, HealthTargets.resolve(service("web", 80), tcpOnPort(null), server("a", "10.0.0.1", 0,
                1, true), null).orElseThrow().port());
        assertThrows(IllegalArgumentException.class, () -> HealthTargets.resolve(service("fw", null),
                tcpOnPort(null), server("a", "10.0.0.1", null, 1, true), null));
    }

    @Test
    void noCheckOrNoneMeansNoProbe() {
        assertTrue(HealthTargets.resolve(service("web", 80), null, server("a", "10.0.0.1", 80, 1, true), null)
                .isEmpty());
        assertTrue(HealthTargets.resolve(service("web", 80), Fixtures.tcp(), server("a", "10.0.0.1", 80, 1, true),
                HealthCheck.none()).isEmpty());
    }

    @Test
    void equalChecksWrittenDifferentlyGiveEqualTargets() {
        HealthCheck withOverride = tcpOnPort(80);
        HealthCheck withStraySubObject = new HealthCheck(CheckType.TCP, 1000, 500, 2, 2, HealthState.UP, null,
                null, HttpCheckSpec.DEFAULT, UdpCheckSpec.DEFAULT, null, new ExecCheckSpec(List.of("true"), null));
        ProbeTarget a = HealthTargets.resolve(service("web", 80), withOverride, server("a", "10.0.0.1", 8080, 1,
                true), null).orElseThrow();
        ProbeTarget b = HealthTargets.resolve(service("api", 443), withStraySubObject, server("b", "10.0.0.1", 80,
                5, true), null).orElseThrow();
        assertEquals(a, b);
    }
}
