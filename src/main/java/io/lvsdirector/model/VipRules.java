package io.lvsdirector.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** VIP rules: address literal, prefix within family, instance reference, one family per VRRP instance. */
final class VipRules {

    private VipRules() {
    }

    static void check(StateIndex index, ViolationList out) {
        Map<IpAddress, String> seen = new HashMap<>();
        for (Vip vip : index.state.vips()) {
            ObjectKey key = ObjectKey.of(ObjectKind.VIP, vip.name());
            Optional<IpAddress> address = IpAddress.parse(vip.address());
            if (vip.address() != null && address.isEmpty()) {
                out.add(key, "address", "must be an IPv4 or IPv6 address literal");
            }
            address.ifPresent(a -> {
                if (vip.prefixLength() != null && vip.prefixLength() > a.maxPrefixLength()) {
                    out.add(key, "prefixLength", "must be at most " + a.maxPrefixLength() + " for an " + a.family() + " address");
                }
                String other = seen.putIfAbsent(a, vip.name());
                if (other != null) {
                    out.add(key, "address", "address " + vip.address() + " is already used by vips/" + other);
                }
            });
            if (vip.vrrpInstance() != null) {
                instance(index, vip, key, address, out);
            }
        }
    }

    private static void instance(StateIndex index, Vip vip, ObjectKey key, Optional<IpAddress> address, ViolationList out) {
        Optional<VrrpInstance> instance = index.vrrpInstance(vip.vrrpInstance());
        if (instance.isEmpty()) {
            out.add(key, "vrrpInstance", "refers to vrrp-instances/" + vip.vrrpInstance() + ", which does not exist");
            return;
        }
        if (address.isEmpty()) {
            return;
        }
        if (Integer.valueOf(2).equals(instance.get().version()) && address.get().family() != AddressFamily.INET) {
            out.add(key, "address", "vrrp-instances/" + vip.vrrpInstance() + " is VRRP version 2, which is IPv4 only");
        }
        boolean mixed = index.state.vips().stream()
                .filter(v -> vip.vrrpInstance().equals(v.vrrpInstance()))
                .map(index::familyOf).flatMap(Optional::stream)
                .anyMatch(f -> f != address.get().family());
        if (mixed) {
            out.add(key, "address", "all VIPs of vrrp-instances/" + vip.vrrpInstance()
                    + " must be of one address family (one VRRP instance speaks IPv4 or IPv6)");
        }
    }
}
