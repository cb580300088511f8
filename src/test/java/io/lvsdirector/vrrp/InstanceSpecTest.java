package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VrrpChecksumMode;
import io.lvsdirector.model.VrrpInstance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceSpecTest {

    private static VrrpInstance instance(String name, int version, List<String> peers) {
        return new VrrpInstance(name, "eth1", 51, 100, version, 1000, null, null, peers, null, null, List.of("eth2"));
    }

    @Test
    void vipsAreBoundToTheirInstanceOnItsInterfaceUnlessTheyNameTheirOwn() {
        DesiredState state = new DesiredState(List.of(instance("web", 3, null), instance("db", 3, null)),
                List.of(new Vip("v1", "192.0.2.10", 24, null, "web"), new Vip("v2", "2001:db8::10", 64, "eth3", "db"),
                        new Vip("free", "192.0.2.99", 32, "eth1", null)),
                List.of(), List.of());
        Map<String, InstanceSpec> specs = InstanceSpec.of(state);
        assertEquals(List.of(new VipBinding(Addr.of("192.0.2.10"), 24, "eth1")), specs.get("web").vips());
        assertEquals(List.of(new VipBinding(Addr.of("2001:db8::10"), 64, "eth3")), specs.get("db").vips());
        assertFalse(specs.get("web").ipv6());
        assertTrue(specs.get("db").ipv6());
        assertEquals(List.of("eth1", "eth2"), specs.get("web").watchedInterfaces());
    }

    @Test
    void theFamilyFollowsUnicastPeersWithoutVipsAndV2IsAlwaysIpv4() {
        assertTrue(new InstanceSpec(instance("x", 3, List.of("2001:db8::2")), List.of()).ipv6());
        assertFalse(new InstanceSpec(instance("x", 2, List.of()), List.of()).ipv6());
    }

    @Test
    void aVipThatIsNoLiteralBecomesAProblemNotAnException() {
        DesiredState state = new DesiredState(List.of(instance("web", 3, List.of("peer.example"))),
                List.of(new Vip("v1", "vip.example", 24, null, "web")), List.of(), List.of());
        InstanceSpec spec = InstanceSpec.of(state).get("web");
        assertEquals(2, spec.problems().size(), spec.problems().toString());
        assertThrows(IllegalArgumentException.class, () -> InstanceSpec.literal("localhost"));
    }

    @Test
    void anyChangeOfTheInstanceOrItsVipsIsADifferentSpec() {
        VrrpInstance base = instance("web", 3, null);
        VrrpInstance other = new VrrpInstance("web", "eth1", 51, 100, 3, 1000, null, null, null, null, null,
                List.of("eth2"), VrrpChecksumMode.AS_V2, null, null, null);
        assertEquals(new InstanceSpec(base, List.of()), new InstanceSpec(instance("web", 3, null), List.of()));
        assertNotEquals(new InstanceSpec(base, List.of()), new InstanceSpec(other, List.of()));
        assertEquals(VrrpChecksumMode.PSEUDO_HEADER, base.checksumMode());
        assertEquals(VrrpInstance.DEFAULT_GARP_REPEAT, base.garpRepeat());
    }

    @Test
    void eventsSerializeAsJsonForWebhooks() {
        VrrpEvent e = new VrrpEvent(Instant.parse("2026-01-02T03:04:05Z"), "web", "eth1", VrrpState.BACKUP,
                VrrpState.MASTER, TransitionReason.MASTER_DOWN, "192.0.2.1", "say \"hi\"");
        assertEquals("{\"at\":\"2026-01-02T03:04:05Z\",\"instance\":\"web\",\"interface\":\"eth1\",\"from\":\"BACKUP\","
                + "\"to\":\"MASTER\",\"reason\":\"MASTER_DOWN\",\"master\":\"192.0.2.1\",\"problem\":\"say \\\"hi\\\"\"}",
                e.toJson());
    }
}
