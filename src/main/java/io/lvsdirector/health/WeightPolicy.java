package io.lvsdirector.health;

import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.OnFailure;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.SorryServer;
import io.lvsdirector.model.VirtualService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Pure function from configuration and health to the destinations a virtual service should have:
 * a drained server ({@code enabled=false}) stays at weight 0; a down server gets 0 or is left out
 * (onFailure); an up server gets its configured weight, or the dynamic weight of an exec check.
 * The sorry server goes in when fewer than {@code minUp} enabled servers are up and comes out only
 * at {@code minUp + hysteresis}.
 */
public final class WeightPolicy {

    private WeightPolicy() {
    }

    /**
     * @param health         health of each real server; {@link HealthStatus#UNKNOWN} when unchecked
     * @param sorryWasActive whether the sorry server was in after the previous plan of this service
     */
    public static DestinationPlan plan(VirtualService service, ServicePolicy policy, List<RealServer> realServers,
            Function<RealServer, HealthStatus> health, boolean sorryWasActive) {
        List<DesiredDestination> destinations = new ArrayList<>();
        int upCount = 0;
        for (RealServer server : realServers) {
            HealthStatus status = health.apply(server);
            boolean up = status == null || status.isUp();
            int port = server.port() == null ? 0 : server.port();
            if (!server.enabled()) {
                destinations.add(new DesiredDestination(server.name(), server.address(), port, 0));
            } else if (up) {
                upCount++;
                int weight = status != null && status.dynamicWeight() != null ? status.dynamicWeight() : server.weight();
                destinations.add(new DesiredDestination(server.name(), server.address(), port, weight));
            } else if (policy.onFailure() == OnFailure.WEIGHT_ZERO) {
                destinations.add(new DesiredDestination(server.name(), server.address(), port, 0));
            }
        }
        boolean sorryActive = sorryActive(policy, upCount, sorryWasActive);
        if (sorryActive) {
            SorryServer sorry = policy.sorryServer();
            int port = sorry.port() != 0 || service.port() == null ? sorry.port() : service.port();
            destinations.add(new DesiredDestination(null, sorry.address(), port, 1));
        }
        return new DestinationPlan(destinations, upCount, sorryActive);
    }

    static boolean sorryActive(ServicePolicy policy, int upCount, boolean wasActive) {
        if (policy.sorryServer() == null) {
            return false;
        }
        int minUp = policy.quorum().minUp();
        if (upCount < minUp) {
            return true;
        }
        return wasActive && upCount < minUp + policy.quorum().hysteresis();
    }
}
