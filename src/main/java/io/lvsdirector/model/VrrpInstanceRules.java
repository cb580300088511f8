package io.lvsdirector.model;

import java.util.List;
import java.util.Optional;

/** VRRP rules: interval granularity per version, v2-only authentication, peer addresses, unique VRIDs. */
final class VrrpInstanceRules {

    static final int V2_MIN_INTERVAL_MS = 1000;
    static final int V2_MAX_INTERVAL_MS = 255_000;
    static final int V3_MIN_INTERVAL_MS = 10;
    static final int V3_MAX_INTERVAL_MS = 409_500;

    private VrrpInstanceRules() {
    }

    static void check(StateIndex index, ViolationList out) {
        List<VrrpInstance> instances = index.state.vrrpInstances();
        for (int i = 0; i < instances.size(); i++) {
            VrrpInstance vi = instances.get(i);
            ObjectKey key = ObjectKey.of(ObjectKind.VRRP_INSTANCE, vi.name());
            interval(vi, key, out);
            if (vi.authentication() != null && Integer.valueOf(3).equals(vi.version())) {
                out.add(key, "authentication", "is only defined for VRRP version 2 (VRRPv3 has no authentication)");
            }
            peers(index, vi, key, out);
            for (int j = 0; j < i; j++) {
                VrrpInstance other = instances.get(j);
                if (sameRouter(index, vi, other)) {
                    out.add(key, "virtualRouterId", "virtual router id " + vi.virtualRouterId()
                            + " is already used on interface " + vi.interfaceName() + " by vrrp-instances/" + other.name());
                }
            }
        }
    }

    private static void interval(VrrpInstance vi, ObjectKey key, ViolationList out) {
        Integer ms = vi.advertIntervalMs();
        if (ms == null || vi.version() == null) {
            return; // Bean Validation reports the missing value
        }
        if (vi.version() == 2 && (ms % 1000 != 0 || ms < V2_MIN_INTERVAL_MS || ms > V2_MAX_INTERVAL_MS)) {
            out.add(key, "advertIntervalMs", "VRRPv2 advertises in whole seconds: must be a multiple of 1000 from "
                    + V2_MIN_INTERVAL_MS + " to " + V2_MAX_INTERVAL_MS);
        } else if (vi.version() == 3 && (ms % 10 != 0 || ms < V3_MIN_INTERVAL_MS || ms > V3_MAX_INTERVAL_MS)) {
            out.add(key, "advertIntervalMs", "VRRPv3 advertises in centiseconds: must be a multiple of 10 from "
                    + V3_MIN_INTERVAL_MS + " to " + V3_MAX_INTERVAL_MS);
        }
    }

    private static void peers(StateIndex index, VrrpInstance vi, ObjectKey key, ViolationList out) {
        Optional<AddressFamily> family = index.familyOf(vi);
        for (int i = 0; i < vi.unicastPeers().size(); i++) {
            String field = "unicastPeers[" + i + "]";
            Optional<IpAddress> peer = IpAddress.parse(vi.unicastPeers().get(i));
            if (peer.isEmpty()) {
                out.add(key, field, "must be an IPv4 or IPv6 address literal");
            } else if (family.isPresent() && peer.get().family() != family.get()) {
                out.add(key, field, "is " + peer.get().family() + " but the instance's addresses are " + family.get());
            } else if (Integer.valueOf(2).equals(vi.version()) && peer.get().family() != AddressFamily.INET) {
                out.add(key, field, "VRRPv2 is IPv4 only");
            }
        }
    }

    /** Same VRID on the same interface clashes, unless the two instances are known to differ in family. */
    private static boolean sameRouter(StateIndex index, VrrpInstance a, VrrpInstance b) {
        if (a.virtualRouterId() == null || !a.virtualRouterId().equals(b.virtualRouterId())
                || a.interfaceName() == null || !a.interfaceName().equals(b.interfaceName())) {
            return false;
        }
        Optional<AddressFamily> fa = index.familyOf(a);
        Optional<AddressFamily> fb = index.familyOf(b);
        return fa.isEmpty() || fb.isEmpty() || fa.get() == fb.get();
    }
}
