package io.lvsdirector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateValidatorTest {

    static VrrpInstance vrrp(String name, String itf, int vrid, int version, int intervalMs) {
        return new VrrpInstance(name, itf, vrid, 100, version, intervalMs, true, 0, List.of(), null, null, List.of());
    }

    static Vip vip(String name, String address, int prefix, String instance) {
        return new Vip(name, address, prefix, "eth0", instance);
    }

    static VirtualService service(String name, String vip, Protocol protocol, int port) {
        return new VirtualService(name, vip, protocol, port, null, null, Scheduler.wrr, List.of(), null, false,
                ForwardingMethod.NAT);
    }

    static VirtualService fwmark(String name, long mark, AddressFamily family) {
        return new VirtualService(name, null, null, null, mark, family, Scheduler.wrr, List.of(), null, false,
                ForwardingMethod.DR);
    }

    static RealServer rs(String service, String name, String address, Integer port) {
        return new RealServer(name, service, address, port, 1, null, 0L, 0L, null, true);
    }

    /** A valid state every test varies: one v3 instance, two VIPs, a NAT service with two servers. */
    static Builder valid() {
        Builder b = new Builder();
        b.vrrp.add(vrrp("vi-1", "eth0", 51, 3, 1000));
        b.vips.add(vip("web-vip", "192.0.2.10", 32, "vi-1"));
        b.vips.add(vip("v6-vip", "2001:db8::10", 128, null));
        b.services.add(service("web-http", "web-vip", Protocol.TCP, 80));
        b.servers.add(rs("web-http", "web-1", "10.0.0.11", 8080));
        b.servers.add(rs("web-http", "web-2", "10.0.0.12", null));
        return b;
    }

    static final class Builder {
        final List<VrrpInstance> vrrp = new ArrayList<>();
        final List<Vip> vips = new ArrayList<>();
        final List<VirtualService> services = new ArrayList<>();
        final List<RealServer> servers = new ArrayList<>();

        DesiredState build() {
            return new DesiredState(vrrp, vips, services, servers);
        }

        List<Violation> violations() {
            return StateValidator.validate(build());
        }
    }

    private static void assertOnly(List<Violation> violations, ObjectKey object, String field, String messagePart) {
        assertEquals(1, violations.size(), () -> "expected exactly one violation, got " + violations);
        Violation v = violations.get(0);
        assertEquals(object, v.object(), v::toString);
        assertEquals(field, v.field(), v::toString);
        assertTrue(v.message().contains(messagePart), () -> v + " should mention '" + messagePart + "'");
    }

    private static ObjectKey key(ObjectKind kind, String name) {
        return ObjectKey.of(kind, name);
    }

    @Test
    void validStateHasNoViolations() {
        assertEquals(List.of(), valid().violations());
        assertEquals(List.of(), StateValidator.validate(DesiredState.EMPTY));
    }

    // --- addresses and prefixes

    @Test
    void vipAddressMustBeALiteralNotAHostName() {
        Builder b = valid();
        b.vips.set(1, vip("v6-vip", "localhost", 32, null));
        assertOnly(b.violations(), key(ObjectKind.VIP, "v6-vip"), "address", "address literal");
    }

    @Test
    void ipv4PrefixLengthAtMost32() {
        Builder b = valid();
        b.vips.set(0, vip("web-vip", "192.0.2.10", 33, "vi-1"));
        assertOnly(b.violations(), key(ObjectKind.VIP, "web-vip"), "prefixLength", "at most 32");
        b.vips.set(0, vip("web-vip", "2001:db8::1", 64, null));
        b.services.clear();
        b.servers.clear();
        assertEquals(List.of(), b.violations());
    }

    @Test
    void vipAddressesAreUnique() {
        Builder b = valid();
        b.vips.add(vip("dup", "2001:DB8:0::10", 128, null));
        assertOnly(b.violations(), key(ObjectKind.VIP, "v6-vip"), "address", "already used by vips/dup");
    }

    @Test
    void vipMustReferToAnExistingInstance() {
        Builder b = valid();
        b.vips.set(0, vip("web-vip", "192.0.2.10", 32, "vi-9"));
        assertOnly(b.violations(), key(ObjectKind.VIP, "web-vip"), "vrrpInstance", "vrrp-instances/vi-9");
    }

    @Test
    void vrrpV2InstanceHoldsOnlyIpv4() {
        Builder b = valid();
        b.vrrp.set(0, vrrp("vi-1", "eth0", 51, 2, 1000));
        b.vips.set(1, vip("v6-vip", "2001:db8::10", 128, "vi-1"));
        assertTrue(b.violations().stream().anyMatch(v -> v.object().equals(key(ObjectKind.VIP, "v6-vip"))
                && v.message().contains("IPv4 only")), b.violations()::toString);
    }

    @Test
    void oneInstanceOneFamily() {
        Builder b = valid();
        b.vips.set(1, vip("v6-vip", "2001:db8::10", 128, "vi-1"));
        assertTrue(b.violations().stream().allMatch(v -> v.field().equals("address") && v.message().contains("one address family")));
        assertEquals(2, b.violations().size());
    }

    // --- virtual services

    @Test
    void serviceNeedsVipProtocolAndPortOrFwmarkAndFamily() {
        Builder b = valid();
        b.services.add(new VirtualService("half", "web-vip", null, null, null, null, null, null, null, null, null));
        List<Violation> v = b.violations();
        assertEquals(List.of("protocol", "port"), v.stream().map(Violation::field).toList(), v::toString);
    }

    @Test
    void fwmarkServiceMustNotAlsoHaveVipFields() {
        Builder b = valid();
        b.services.add(new VirtualService("both", "web-vip", Protocol.TCP, 443, 7L, AddressFamily.INET,
                null, null, null, null, null));
        assertEquals(List.of("vip", "protocol", "port"), b.violations().stream().map(Violation::field).toList());
    }

    @Test
    void vipServiceMustNotDeclareAFamily() {
        Builder b = valid();
        b.services.set(0, new VirtualService("web-http", "web-vip", Protocol.TCP, 80, null, AddressFamily.INET,
                null, null, null, null, null));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "web-http"), "addressFamily", "firewall-mark");
    }

    @Test
    void fwmarkServiceNeedsAFamily() {
        Builder b = valid();
        b.services.add(fwmark("fw", 10, null));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "fw"), "addressFamily", "required");
    }

    @Test
    void serviceMustReferToAnExistingVip() {
        Builder b = valid();
        b.services.add(service("other", "nope", Protocol.TCP, 80));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "other"), "vip", "vips/nope");
    }

    @Test
    void vipProtocolPortIsUnique() {
        Builder b = valid();
        b.services.add(service("again", "web-vip", Protocol.TCP, 80));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "web-http"), "port", "virtual-services/again");
        b.services.set(1, service("again", "web-vip", Protocol.UDP, 80));
        assertEquals(List.of(), b.violations());
    }

    @Test
    void fwmarkAndFamilyIsUnique() {
        Builder b = valid();
        b.services.add(fwmark("fw-a", 10, AddressFamily.INET));
        b.services.add(fwmark("fw-b", 10, AddressFamily.INET6));
        assertEquals(List.of(), b.violations());
        b.services.add(fwmark("fw-c", 10, AddressFamily.INET));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "fw-c"), "fwmark", "virtual-services/fw-a");
    }

    @Test
    void schedulerFlagsOnlyWithTheirScheduler() {
        Builder b = valid();
        b.services.set(0, new VirtualService("web-http", "web-vip", Protocol.TCP, 80, null, null, Scheduler.sh,
                List.of(SchedulerFlag.SH_PORT, SchedulerFlag.MH_FALLBACK), null, false, null));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "web-http"), "schedulerFlags[1]", "mh scheduler");
    }

    @Test
    void persistenceNetmaskOnlyIpv4AndContiguous() {
        Builder b = valid();
        b.services.set(0, withPersistence(b.services.get(0), new Persistence(300, "255.255.0.255", null)));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "web-http"), "persistence.netmask", "contiguous");
        b.services.set(0, withPersistence(b.services.get(0), new Persistence(300, "255.255.255.0", null)));
        assertEquals(List.of(), b.violations());
        b.services.set(0, withPersistence(b.services.get(0), new Persistence(300, null, 64)));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "web-http"), "persistence.prefixLength", "only for IPv6");
    }

    @Test
    void persistencePrefixLengthForIpv6() {
        Builder b = valid();
        b.services.add(withPersistence(service("v6", "v6-vip", Protocol.TCP, 443), new Persistence(60, null, 64)));
        assertEquals(List.of(), b.violations());
        b.services.set(1, withPersistence(service("v6", "v6-vip", Protocol.TCP, 443), new Persistence(60, "255.0.0.0", null)));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "v6"), "persistence.netmask", "only for IPv4");
    }

    @Test
    void contiguousMasks() {
        assertTrue(VirtualServiceRules.isContiguousV4Mask("0.0.0.0"));
        assertTrue(VirtualServiceRules.isContiguousV4Mask("255.255.255.255"));
        assertTrue(VirtualServiceRules.isContiguousV4Mask("255.255.240.0"));
        assertTrue(!VirtualServiceRules.isContiguousV4Mask("0.255.255.255"));
        assertTrue(!VirtualServiceRules.isContiguousV4Mask("255.255.255.1"));
        assertTrue(!VirtualServiceRules.isContiguousV4Mask("ffff::"));
    }

    @Test
    void onePacketOnlyForUdp() {
        Builder b = valid();
        b.services.set(0, new VirtualService("web-http", "web-vip", Protocol.TCP, 80, null, null, null, null, null, true, null));
        assertOnly(b.violations(), key(ObjectKind.VIRTUAL_SERVICE, "web-http"), "onePacket", "UDP");
    }

    private static VirtualService withPersistence(VirtualService s, Persistence p) {
        return new VirtualService(s.name(), s.vip(), s.protocol(), s.port(), s.fwmark(), s.addressFamily(), s.scheduler(),
                s.schedulerFlags(), p, s.onePacket(), s.forwarding());
    }

    // --- real servers

    private static RealServer server(String address, Integer port, ForwardingMethod fwd, Tunnel tunnel, long upper, long lower) {
        return new RealServer("web-3", "web-http", address, port, 1, fwd, upper, lower, tunnel, true);
    }

    private static final ObjectKey WEB_3 = ObjectKey.realServer("web-http", "web-3");

    @Test
    void realServerMustBelongToAnExistingService() {
        Builder b = valid();
        b.servers.add(rs("gone", "x", "10.0.0.1", 80));
        assertOnly(b.violations(), ObjectKey.realServer("gone", "x"), "virtualService", "virtual-services/gone");
    }

    @Test
    void realServerAddressFamilyMatchesServiceUnlessTunnelled() {
        Builder b = valid();
        b.servers.add(server("2001:db8::5", 8080, null, null, 0, 0));
        assertOnly(b.violations(), WEB_3, "address", "INET6");
        b.servers.set(2, server("2001:db8::5", 80, ForwardingMethod.TUN, null, 0, 0));
        assertEquals(List.of(), b.violations());
    }

    @Test
    void fwmarkServiceFamilyAppliesToItsRealServers() {
        Builder b = valid();
        b.services.add(fwmark("fw", 10, AddressFamily.INET6));
        b.servers.add(rs("fw", "a", "10.0.0.1", null));
        assertOnly(b.violations(), ObjectKey.realServer("fw", "a"), "address", "INET6");
    }

    @Test
    void directRoutingKeepsTheServicePort() {
        Builder b = valid();
        b.servers.add(server("10.0.0.13", 8080, ForwardingMethod.DR, null, 0, 0));
        assertOnly(b.violations(), WEB_3, "port", "service port 80");
        b.servers.set(2, server("10.0.0.13", 80, ForwardingMethod.DR, null, 0, 0));
        assertEquals(List.of(), b.violations());
        b.servers.set(2, server("10.0.0.13", null, ForwardingMethod.TUN, null, 0, 0));
        assertEquals(List.of(), b.violations());
    }

    @Test
    void natPortZeroOnlyForFwmark() {
        Builder b = valid();
        b.servers.add(server("10.0.0.13", 0, null, null, 0, 0));
        assertOnly(b.violations(), WEB_3, "port", "1-65535");
    }

    @Test
    void destinationsAreUniqueWithinAService() {
        Builder b = valid();
        b.servers.add(server("10.0.0.11", 8080, null, null, 0, 0));
        assertOnly(b.violations(), WEB_3, "address", "web-1");
    }

    @Test
    void thresholdsAreOrdered() {
        Builder b = valid();
        b.servers.add(server("10.0.0.13", 80, null, null, 100, 200));
        assertOnly(b.violations(), WEB_3, "lowerThreshold", "upperThreshold");
        b.servers.set(2, server("10.0.0.13", 80, null, null, 200, 100));
        assertEquals(List.of(), b.violations());
        b.servers.set(2, server("10.0.0.13", 80, null, null, 0, 100));
        assertEquals(List.of(), b.violations());
    }

    @Test
    void tunnelOnlyWithTunAndGueNeedsAPort() {
        Builder b = valid();
        b.servers.add(server("10.0.0.13", 80, ForwardingMethod.DR, new Tunnel(TunnelType.ipip, null, null), 0, 0));
        assertOnly(b.violations(), WEB_3, "tunnel", "only for TUN");
        b.servers.set(2, server("10.0.0.13", 80, ForwardingMethod.TUN, new Tunnel(TunnelType.gue, null, null), 0, 0));
        assertOnly(b.violations(), WEB_3, "tunnel.port", "required");
        b.servers.set(2, server("10.0.0.13", 80, ForwardingMethod.TUN, new Tunnel(TunnelType.gue, 6080, Tunnel.Checksum.CHECKSUM), 0, 0));
        assertEquals(List.of(), b.violations());
        b.servers.set(2, server("10.0.0.13", 80, ForwardingMethod.TUN, new Tunnel(TunnelType.gre, 6080, null), 0, 0));
        assertOnly(b.violations(), WEB_3, "tunnel.port", "only for a gue");
    }

    @Test
    void serviceDefaultForwardingCountsForTheRules() {
        Builder b = valid();
        b.services.set(0, new VirtualService("web-http", "web-vip", Protocol.TCP, 80, null, null, null, null, null, null,
                ForwardingMethod.DR));
        // web-1 inherits DR but asks for port 8080; web-2 (port absent) is fine
        assertOnly(b.violations(), ObjectKey.realServer("web-http", "web-1"), "port", "DR forwarding");
    }

    // --- VRRP

    @Test
    void v2IntervalIsWholeSeconds() {
        Builder b = valid();
        b.vrrp.set(0, vrrp("vi-1", "eth0", 51, 2, 1500));
        assertOnly(b.violations(), key(ObjectKind.VRRP_INSTANCE, "vi-1"), "advertIntervalMs", "whole seconds");
        b.vrrp.set(0, vrrp("vi-1", "eth0", 51, 2, 255000));
        assertEquals(List.of(), b.violations());
        b.vrrp.set(0, vrrp("vi-1", "eth0", 51, 2, 500));
        assertEquals(1, b.violations().size());
    }

    @Test
    void v3IntervalIsCentiseconds() {
        Builder b = valid();
        b.vrrp.set(0, vrrp("vi-1", "eth0", 51, 3, 15));
        assertOnly(b.violations(), key(ObjectKind.VRRP_INSTANCE, "vi-1"), "advertIntervalMs", "centiseconds");
        b.vrrp.set(0, vrrp("vi-1", "eth0", 51, 3, 10));
        assertEquals(List.of(), b.violations());
        b.vrrp.set(0, vrrp("vi-1", "eth0", 51, 3, 409500));
        assertEquals(List.of(), b.violations());
        b.vrrp.set(0, vrrp("vi-1", "eth0", 51, 3, 409510));
        assertEquals(1, b.violations().size());
    }

    @Test
    void authenticationOnlyForV2() {
        Builder b = valid();
        VrrpAuthentication auth = new VrrpAuthentication(VrrpAuthentication.Type.PASSWORD, "secret");
        b.vrrp.set(0, new VrrpInstance("vi-1", "eth0", 51, 100, 3, 1000, true, 0, List.of(), auth, null, List.of()));
        assertOnly(b.violations(), key(ObjectKind.VRRP_INSTANCE, "vi-1"), "authentication", "version 2");
        b.vrrp.set(0, new VrrpInstance("vi-1", "eth0", 51, 100, 2, 1000, true, 0, List.of(), auth, null, List.of()));
        assertEquals(List.of(), b.violations());
    }

    @Test
    void unicastPeersAreAddressesOfTheInstanceFamily() {
        Builder b = valid();
        b.vrrp.set(0, new VrrpInstance("vi-1", "eth0", 51, 100, 3, 1000, true, 0,
                List.of("192.0.2.2", "peer.example", "2001:db8::2"), null, null, List.of()));
        List<Violation> v = b.violations();
        assertEquals(List.of("unicastPeers[1]", "unicastPeers[2]"), v.stream().map(Violation::field).toList(), v::toString);
    }

    @Test
    void virtualRouterIdUniquePerInterface() {
        Builder b = valid();
        b.vrrp.add(vrrp("vi-2", "eth0", 51, 3, 1000));
        assertOnly(b.violations(), key(ObjectKind.VRRP_INSTANCE, "vi-2"), "virtualRouterId", "vrrp-instances/vi-1");
        b.vrrp.set(1, vrrp("vi-2", "eth1", 51, 3, 1000));
        assertEquals(List.of(), b.violations());
    }

    @Test
    void sameVridAllowedForTheOtherFamily() {
        Builder b = valid();
        b.vrrp.add(vrrp("vi-6", "eth0", 51, 3, 1000));
        b.vips.set(1, vip("v6-vip", "2001:db8::10", 128, "vi-6"));
        assertEquals(List.of(), b.violations());
    }

    @Test
    void duplicateNamesInAWholeStateAreReported() {
        Builder b = valid();
        b.vips.add(vip("web-vip", "192.0.2.99", 32, null));
        assertTrue(b.violations().stream().anyMatch(v -> v.field().equals("name")), b.violations()::toString);
    }
}
