package io.lvsdirector.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Real server rules: the service exists, families agree (IPVS allows a mixed family only for
 * tunnelling), DR/TUN keep the service port (only NAT rewrites it), thresholds are ordered, a
 * tunnel goes only with TUN and GUE needs a port.
 */
final class RealServerRules {

    private RealServerRules() {
    }

    static void check(StateIndex index, ViolationList out) {
        Map<String, String> destinations = new HashMap<>();
        for (RealServer rs : index.state.realServers()) {
            ObjectKey key = ObjectKey.realServer(rs.virtualService(), rs.name());
            Optional<IpAddress> address = IpAddress.parse(rs.address());
            if (rs.address() != null && address.isEmpty()) {
                out.add(key, "address", "must be an IPv4 or IPv6 address literal");
            }
            thresholds(rs, key, out);
            if (rs.virtualService() == null) {
                out.add(key, "virtualService", "is required");
                continue;
            }
            Optional<VirtualService> service = index.virtualService(rs.virtualService());
            if (service.isEmpty()) {
                out.add(key, "virtualService", "refers to virtual-services/" + rs.virtualService() + ", which does not exist");
                continue;
            }
            ForwardingMethod forwarding = rs.effectiveForwarding(service.get());
            address.ifPresent(a -> family(index, service.get(), a, forwarding, key, out));
            port(service.get(), rs, forwarding, key, out);
            tunnel(rs, forwarding, key, out);
            address.ifPresent(a -> {
                String destination = rs.virtualService() + " " + a + " port " + rs.port();
                String other = destinations.putIfAbsent(destination, rs.name());
                if (other != null) {
                    out.add(key, "address", "the same address and port is already real server " + other
                            + " of this virtual service");
                }
            });
        }
    }

    private static void thresholds(RealServer rs, ObjectKey key, ViolationList out) {
        if (rs.upperThreshold() > 0 && rs.lowerThreshold() > rs.upperThreshold()) {
            out.add(key, "lowerThreshold", "must not exceed upperThreshold (" + rs.upperThreshold() + ")");
        }
    }

    private static void family(StateIndex index, VirtualService service, IpAddress address, ForwardingMethod forwarding,
            ObjectKey key, ViolationList out) {
        Optional<AddressFamily> family = index.familyOf(service);
        if (family.isPresent() && family.get() != address.family() && forwarding != ForwardingMethod.TUN) {
            out.add(key, "address", "is " + address.family() + " but virtual-services/" + service.name() + " is "
                    + family.get() + "; only TUN forwarding can mix address families");
        }
    }

    private static void port(VirtualService service, RealServer rs, ForwardingMethod forwarding, ObjectKey key,
            ViolationList out) {
        if (rs.port() == null) {
            return; // same as the service's
        }
        if (forwarding == ForwardingMethod.NAT) {
            if (rs.port() == 0 && !service.isFwmark()) {
                out.add(key, "port", "must be 1-65535 (or absent for the service's port)");
            }
            return;
        }
        boolean keepsPort = service.isFwmark() ? rs.port() == 0 : rs.port().equals(service.port());
        if (!keepsPort) {
            out.add(key, "port", forwarding + " forwarding cannot change the destination port: leave port out"
                    + (service.isFwmark() ? "" : " or set it to the service port " + service.port())
                    + " (only NAT rewrites ports)");
        }
    }

    private static void tunnel(RealServer rs, ForwardingMethod forwarding, ObjectKey key, ViolationList out) {
        Tunnel t = rs.tunnel();
        if (t == null) {
            return;
        }
        if (forwarding != ForwardingMethod.TUN) {
            out.add(key, "tunnel", "is only for TUN forwarding (this real server forwards by " + forwarding + ")");
            return;
        }
        if (t.type() == TunnelType.gue && t.port() == null) {
            out.add(key, "tunnel.port", "is required for a gue tunnel");
        }
        if (t.type() != TunnelType.gue && t.port() != null) {
            out.add(key, "tunnel.port", "is only for a gue tunnel");
        }
        if (t.type() == TunnelType.ipip && t.checksum() != Tunnel.Checksum.NONE) {
            out.add(key, "tunnel.checksum", "ipip has no checksum option (only gue and gre)");
        }
    }
}
