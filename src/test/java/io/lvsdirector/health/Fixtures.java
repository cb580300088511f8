package io.lvsdirector.health;

import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.DnsCheckSpec;
import io.lvsdirector.model.ExecCheckSpec;
import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HttpCheckSpec;
import io.lvsdirector.model.UdpCheckSpec;
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

    /** A check with short test timing: every 50 ms, 1 s timeout, rise 2, fall 2, initially UP. */
    static HealthCheck check(CheckType type, HttpCheckSpec http, UdpCheckSpec udp, DnsCheckSpec dns,
            ExecCheckSpec exec) {
        return new HealthCheck(type, 50, 1000, 2, 2, HealthState.UP, null, null, http, udp, dns, exec);
    }

    static HealthCheck tcp() {
        return check(CheckType.TCP, null, null, null, null);
    }

    static HealthCheck http(CheckType type, HttpCheckSpec spec) {
        return check(type, spec, null, null, null);
    }

    static HttpCheckSpec httpSpec(String path, java.util.List<Integer> status, String bodyPattern, String digest,
            Boolean tlsVerify, String host, String sni) {
        return new HttpCheckSpec(path, host, status, bodyPattern, digest, tlsVerify, sni);
    }
}
