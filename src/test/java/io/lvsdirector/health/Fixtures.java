package io.lvsdirector.health;

import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.Protocol;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.VirtualService;

/** Model objects for the tests, built in one place so that new record components are added once. */
final class Fixtures {

    private Fixtures() {
    }

    static VirtualService service(String name, Integer port) {
        return new VirtualService(name, "vip", Protocol.TCP, port, null, null, null, null, null, null, null);
    }

    static RealServer server(String name, String address, Integer port, int weight, boolean enabled) {
        return new RealServer(name, "web", address, port, weight, null, null, null, null, enabled);
    }

    static HealthStatus status(HealthState state) {
        return new HealthStatus(state, null, null, null, 0, 0, null);
    }

    static HealthStatus upWithWeight(int weight) {
        return new HealthStatus(HealthState.UP, null, null, null, 1, 0, weight);
    }
}
