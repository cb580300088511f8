package io.lvsdirector.model;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Virtual service rules: exactly one of VIP+protocol+port or fwmark+family, the VIP exists, the
 * identity is unique, scheduler flags match the scheduler, persistence mask matches the family.
 */
final class VirtualServiceRules {

    private VirtualServiceRules() {
    }

    static void check(StateIndex index, ViolationList out) {
        Map<String, String> identities = new HashMap<>();
        for (VirtualService vs : index.state.virtualServices()) {
            ObjectKey key = ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, vs.name());
            if (vs.isFwmark()) {
                fwmarkShape(vs, key, out);
            } else {
                vipShape(index, vs, key, out);
            }
            identity(index, vs).ifPresent(id -> {
                String other = identities.putIfAbsent(id, vs.name());
                if (other != null) {
                    out.add(key, vs.isFwmark() ? "fwmark" : "port",
                            id + " is already served by virtual-services/" + other);
                }
            });
            schedulerFlags(vs, key, out);
            if (vs.persistence() != null) {
                persistence(index.familyOf(vs), vs.persistence(), key, out);
            }
            if (vs.onePacket() && vs.protocol() != null && vs.protocol() != Protocol.UDP) {
                out.add(key, "onePacket", "one-packet scheduling is only for UDP services");
            }
            health(index, vs, key, out);
        }
    }

    /** A sorry server is an address of the service's family; checks need somewhere to go. */
    private static void health(StateIndex index, VirtualService vs, ObjectKey key, ViolationList out) {
        if (vs.sorryServer() != null) {
            Optional<IpAddress> a = IpAddress.parse(vs.sorryServer().address());
            Optional<AddressFamily> family = index.familyOf(vs);
            if (a.isEmpty()) {
                out.add(key, "sorryServer.address", "must be an IPv4 or IPv6 address literal");
            } else if (family.isPresent() && a.get().family() != family.get()) {
                out.add(key, "sorryServer.address", "must be an " + family.get() + " address like the service");
            }
        }
        HealthCheck check = vs.healthCheck();
        if (check != null && check.sourceAddress() != null && IpAddress.parse(check.sourceAddress()).isEmpty()) {
            out.add(key, "healthCheck.sourceAddress", "must be an IPv4 or IPv6 address literal");
        }
        if (check != null && check.type() != CheckType.NONE && check.type() != CheckType.EXEC && check.port() == null
                && vs.port() == null) {
            for (RealServer rs : index.state.realServersOf(vs.name())) {
                if (rs.port() == null && rs.healthCheck() == null) {
                    out.add(ObjectKey.realServer(vs.name(), rs.name()), "port", "the " + check.type()
                            + " health check needs a port: give the real server one, or set healthCheck.port");
                }
            }
        }
    }

    private static void fwmarkShape(VirtualService vs, ObjectKey key, ViolationList out) {
        String why = "must not be set for a firewall-mark service (give either vip+protocol+port or fwmark+addressFamily)";
        if (vs.vip() != null) {
            out.add(key, "vip", why);
        }
        if (vs.protocol() != null) {
            out.add(key, "protocol", why);
        }
        if (vs.port() != null) {
            out.add(key, "port", why);
        }
        if (vs.addressFamily() == null) {
            out.add(key, "addressFamily", "is required for a firewall-mark service (INET or INET6)");
        }
    }

    private static void vipShape(StateIndex index, VirtualService vs, ObjectKey key, ViolationList out) {
        String why = "is required: give either vip+protocol+port or fwmark+addressFamily";
        if (vs.vip() == null) {
            out.add(key, "vip", why);
        } else if (index.vip(vs.vip()).isEmpty()) {
            out.add(key, "vip", "refers to vips/" + vs.vip() + ", which does not exist");
        }
        if (vs.protocol() == null) {
            out.add(key, "protocol", why);
        }
        if (vs.port() == null) {
            out.add(key, "port", why);
        }
        if (vs.addressFamily() != null) {
            out.add(key, "addressFamily", "is only for a firewall-mark service; a VIP service takes its VIP's family");
        }
    }

    /** What IPVS identifies the service by: VIP address, protocol and port, or fwmark and family. */
    private static Optional<String> identity(StateIndex index, VirtualService vs) {
        if (vs.isFwmark()) {
            return vs.addressFamily() == null ? Optional.empty()
                    : Optional.of("fwmark " + vs.fwmark() + " (" + vs.addressFamily() + ")");
        }
        if (vs.protocol() == null || vs.port() == null) {
            return Optional.empty();
        }
        return index.vip(vs.vip()).flatMap(v -> IpAddress.parse(v.address()))
                .map(a -> vs.protocol() + " " + a + " port " + vs.port());
    }

    private static void schedulerFlags(VirtualService vs, ObjectKey key, ViolationList out) {
        Set<SchedulerFlag> seen = EnumSet.noneOf(SchedulerFlag.class);
        List<SchedulerFlag> flags = vs.schedulerFlags();
        for (int i = 0; i < flags.size(); i++) {
            SchedulerFlag flag = flags.get(i);
            if (flag == null) {
                continue;
            }
            if (flag.scheduler() != vs.scheduler()) {
                out.add(key, "schedulerFlags[" + i + "]", flag.wireName() + " is a flag of the "
                        + flag.scheduler() + " scheduler, not of " + vs.scheduler());
            }
            if (!seen.add(flag)) {
                out.add(key, "schedulerFlags[" + i + "]", flag.wireName() + " is given twice");
            }
        }
    }

    private static void persistence(Optional<AddressFamily> family, Persistence p, ObjectKey key, ViolationList out) {
        if (p.netmask() != null) {
            if (family.isPresent() && family.get() != AddressFamily.INET) {
                out.add(key, "persistence.netmask", "is only for IPv4 services; IPv6 services use persistence.prefixLength");
            } else if (!isContiguousV4Mask(p.netmask())) {
                out.add(key, "persistence.netmask", "must be a contiguous IPv4 netmask such as 255.255.255.0");
            }
        }
        if (p.prefixLength() != null && family.isPresent() && family.get() != AddressFamily.INET6) {
            out.add(key, "persistence.prefixLength", "is only for IPv6 services; IPv4 services use persistence.netmask");
        }
    }

    static boolean isContiguousV4Mask(String text) {
        Optional<IpAddress> a = IpAddress.parse(text);
        if (a.isEmpty() || a.get().family() != AddressFamily.INET) {
            return false;
        }
        byte[] b = a.get().bytes();
        int mask = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int inverted = ~mask;
        return (inverted & (inverted + 1)) == 0; // ones followed by zeros only
    }
}
