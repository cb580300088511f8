package io.lvsdirector.health;

import static io.lvsdirector.health.Fixtures.server;
import static io.lvsdirector.health.Fixtures.service;
import static io.lvsdirector.health.Fixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.OnFailure;
import io.lvsdirector.model.Quorum;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.SorryServer;
import io.lvsdirector.model.VirtualService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightPolicyTest {

    private final VirtualService web = service("web", 80);
    private final RealServer a = server("a", "10.0.0.1", 80, 5, true);
    private final RealServer b = server("b", "10.0.0.2", 8080, 3, true);
    private final RealServer drained = server("c", "10.0.0.3", 80, 7, false);
    private final Map<String, HealthStatus> health = new HashMap<>();

    private DestinationPlan plan(ServicePolicy policy, boolean sorryWasActive, RealServer... servers) {
        return WeightPolicy.plan(web, policy, List.of(servers), s -> health.getOrDefault(s.name(),
                HealthStatus.UNKNOWN), sorryWasActive);
    }

    private static Map<String, Integer> weights(DestinationPlan plan) {
        Map<String, Integer> m = new HashMap<>();
        plan.destinations().forEach(d -> m.put(d.isSorryServer() ? "sorry" : d.realServer(), d.weight()));
        return m;
    }

    @Test
    void upServersGetTheirConfiguredWeightDownOnesZeroDrainedOnesZero() {
        health.put("a", status(HealthState.UP));
        health.put("b", status(HealthState.DOWN));
        health.put("c", status(HealthState.UP));
        DestinationPlan plan = plan(ServicePolicy.DEFAULT, false, a, b, drained);
        assertEquals(Map.of("a", 5, "b", 0, "c", 0), weights(plan));
        assertEquals(1, plan.upCount(), "a drained server does not count as up");
        assertEquals(new DesiredDestination("b", "10.0.0.2", 8080, 0), plan.destinations().get(1));
    }

    @Test
    void removeLeavesDownServersOutButKeepsDrainedOnesAtZero() {
        health.put("a", status(HealthState.DOWN));
        health.put("c", status(HealthState.DOWN));
        DestinationPlan plan = plan(new ServicePolicy(OnFailure.REMOVE, null, null), false, a, b, drained);
        assertEquals(Map.of("b", 3, "c", 0), weights(plan), "b is UNKNOWN: counts as up");
    }

    @Test
    void dynamicWeightReplacesTheConfiguredOne() {
        health.put("a", Fixtures.upWithWeight(42));
        assertEquals(Map.of("a", 42), weights(plan(ServicePolicy.DEFAULT, false, a)));
    }

    @Test
    void sorryServerStandsInWhenNoServerIsUpByDefault() {
        ServicePolicy policy = new ServicePolicy(null, null, new SorryServer("10.0.0.99", null));
        health.put("a", status(HealthState.DOWN));
        health.put("b", status(HealthState.DOWN));
        DestinationPlan plan = plan(policy, false, a, b);
        assertTrue(plan.sorryActive());
        assertEquals(new DesiredDestination(null, "10.0.0.99", 80, 1), plan.destinations().get(2),
                "port 0 means the service's port");
        health.put("b", status(HealthState.UP));
        assertFalse(plan(policy, true, a, b).sorryActive());
    }

    @Test
    void quorumWithHysteresisPutsTheSorryServerInBelowMinUpAndTakesItOutOnlyAtMinUpPlusHysteresis() {
        ServicePolicy policy = new ServicePolicy(null, new Quorum(2, 1), new SorryServer("10.0.0.99", 8080));
        RealServer c = server("c", "10.0.0.3", 80, 1, true);
        boolean sorry = false;
        int[] upCounts = {3, 2, 1, 2, 3, 2, 1};
        boolean[] expected = {false, false, true, true, false, false, true};
        for (int i = 0; i < upCounts.length; i++) {
            health.put("a", status(upCounts[i] >= 1 ? HealthState.UP : HealthState.DOWN));
            health.put("b", status(upCounts[i] >= 2 ? HealthState.UP : HealthState.DOWN));
            health.put("c", status(upCounts[i] >= 3 ? HealthState.UP : HealthState.DOWN));
            DestinationPlan plan = plan(policy, sorry, a, b, c);
            assertEquals(upCounts[i], plan.upCount());
            assertEquals(expected[i], plan.sorryActive(), "step " + i + " with " + upCounts[i] + " up");
            assertEquals(expected[i], plan.destinations().stream().anyMatch(DesiredDestination::isSorryServer));
            sorry = plan.sorryActive();
        }
    }

    @Test
    void withoutSorryServerThereIsNothingToAdd() {
        health.put("a", status(HealthState.DOWN));
        DestinationPlan plan = plan(new ServicePolicy(null, new Quorum(5, 0), null), false, a);
        assertFalse(plan.sorryActive());
        assertEquals(1, plan.destinations().size());
    }
}
