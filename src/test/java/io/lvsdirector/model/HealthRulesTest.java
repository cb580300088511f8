package io.lvsdirector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRulesTest {

    private static final Vip VIP = new Vip("vip", "192.0.2.10", 32, null, null);

    private static List<Violation> validate(VirtualService vs, RealServer... servers) {
        return StateValidator.validate(new DesiredState(List.of(), List.of(VIP), List.of(vs), List.of(servers)));
    }

    private static VirtualService fwmark(HealthCheck check, SorryServer sorry) {
        return new VirtualService("svc", null, null, null, 7L, AddressFamily.INET, Scheduler.rr, List.of(), null, false,
                ForwardingMethod.DR, check, null, null, sorry);
    }

    @Test
    void aValidHealthSetupPasses() {
        VirtualService vs = new VirtualService("svc", "vip", Protocol.TCP, 80, null, null, Scheduler.rr, List.of(), null,
                false, ForwardingMethod.NAT, HealthCheck.tcp(), OnFailure.REMOVE, new Quorum(1, 0),
                new SorryServer("192.0.2.99", 8080));
        assertEquals(List.of(), validate(vs, new RealServer("a", "svc", "10.0.0.1", null, 1, null, 0L, 0L, null, true)));
    }

    @Test
    void sorryServerMustBeAnAddressOfTheServicesFamily() {
        List<Violation> bad = validate(fwmark(null, new SorryServer("sorry.example", 80)));
        assertEquals("sorryServer.address", bad.get(0).field());
        List<Violation> v6 = validate(fwmark(null, new SorryServer("2001:db8::9", 80)));
        assertTrue(v6.get(0).message().contains("INET address"), v6.toString());
    }

    @Test
    void aNetworkCheckWithNoPortToGoToIsRejectedOnTheRealServer() {
        List<Violation> v = validate(fwmark(HealthCheck.tcp(), null),
                new RealServer("a", "svc", "10.0.0.1", null, 1, null, 0L, 0L, null, true));
        assertEquals(1, v.size(), v.toString());
        assertEquals(ObjectKey.realServer("svc", "a"), v.get(0).object());
        assertTrue(v.get(0).message().contains("needs a port"), v.get(0).message());
    }
}
