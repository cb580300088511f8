package io.lvsdirector.ipvs;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ForwardingMethod;
import io.lvsdirector.model.Persistence;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.SchedulerFlag;
import io.lvsdirector.model.Tunnel;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VirtualService;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Translates the (validated) desired state into the IPVS table the kernel should hold. */
public final class DesiredTableBuilder {

    private final DestinationSelector selector;

    /** Real servers and weights as configured (drained servers at 0). */
    public DesiredTableBuilder() {
        this(DestinationSelector.AS_CONFIGURED);
    }

    /** Real servers and weights from a policy, e.g. health checking. */
    public DesiredTableBuilder(DestinationSelector selector) {
        this.selector = selector;
    }

    public KernelTable build(DesiredState state) {
        TreeMap<ServiceKey, KernelTable.Entry> services = new TreeMap<>();
        // Indexes instead of DesiredState's linear look-ups: with 1,000 services x 10 real servers those
        // cost 10 million comparisons per pass.
        Map<String, Vip> vips = new HashMap<>();
        state.vips().forEach(v -> vips.put(v.name(), v));
        Map<String, List<RealServer>> serversByService = new HashMap<>();
        for (RealServer rs : state.realServers()) { // sorted by service then name: each list keeps name order
            serversByService.computeIfAbsent(rs.virtualService(), k -> new ArrayList<>()).add(rs);
        }
        for (VirtualService vs : state.virtualServices()) {
            KernelService svc = service(vs, vips);
            TreeMap<DestinationKey, KernelDestination> dests = new TreeMap<>();
            Map<DestinationKey, String> owners = new HashMap<>();
            for (RealServer rs : selector.select(vs, serversByService.getOrDefault(vs.name(), List.of()))) {
                KernelDestination d = destination(vs, svc.key(), rs);
                dests.put(d.key(), d);
                owners.put(d.key(), rs.name());
            }
            services.put(svc.key(), new KernelTable.Entry(svc, dests, vs.name(), owners));
        }
        return new KernelTable(services);
    }

    static KernelService service(VirtualService vs, Map<String, Vip> vips) {
        ServiceKey key;
        if (vs.isFwmark()) {
            key = ServiceKey.fwmark(vs.addressFamily(), vs.fwmark());
        } else {
            Vip vip = java.util.Optional.ofNullable(vips.get(vs.vip())).orElseThrow(
                    () -> new IllegalStateException("virtual service " + vs.name() + " refers to missing VIP " + vs.vip()));
            key = ServiceKey.of(vs.protocol(), Addresses.literal(vip.address()), vs.port());
        }
        int flags = 0;
        for (SchedulerFlag f : vs.schedulerFlags()) {
            flags |= switch (f) {
                case SH_FALLBACK, MH_FALLBACK -> IpvsConstants.SVC_F_SCHED1;
                case SH_PORT, MH_PORT -> IpvsConstants.SVC_F_SCHED2;
            };
        }
        if (vs.onePacket()) {
            flags |= IpvsConstants.SVC_F_ONEPACKET;
        }
        Persistence p = vs.persistence();
        boolean v6 = key.family() == io.lvsdirector.model.AddressFamily.INET6;
        int netmask = v6 ? IpvsConstants.DEFAULT_PREFIX_V6 : IpvsConstants.DEFAULT_NETMASK_V4;
        int timeout = 0;
        if (p != null) {
            flags |= IpvsConstants.SVC_F_PERSISTENT;
            timeout = p.timeoutSeconds();
            if (v6 && p.prefixLength() != null) {
                netmask = p.prefixLength();
            } else if (!v6 && p.netmask() != null) {
                netmask = ipv4Mask(p.netmask());
            }
        }
        return new KernelService(key, vs.scheduler().name(), flags, timeout, netmask, null);
    }

    private KernelDestination destination(VirtualService vs, ServiceKey svc, RealServer rs) {
        int port = rs.port() != null ? rs.port() : svc.port();
        DestinationKey key = new DestinationKey(Addresses.literal(rs.address()), port);
        ForwardingMethod fwd = rs.effectiveForwarding(vs);
        Tunnel t = fwd == ForwardingMethod.TUN ? rs.tunnel() : null;
        return new KernelDestination(key, forwarding(fwd), rs.effectiveWeight(),
                rs.upperThreshold(), rs.lowerThreshold(),
                t == null ? IpvsConstants.TUNNEL_TYPE_IPIP : tunnelType(t),
                t == null || t.port() == null ? 0 : t.port(),
                t == null ? IpvsConstants.TUNNEL_ENCAP_FLAG_NOCSUM : tunnelFlags(t));
    }

    static int forwarding(ForwardingMethod m) {
        return switch (m) {
            case NAT -> IpvsConstants.CONN_F_MASQ;
            case DR -> IpvsConstants.CONN_F_DROUTE;
            case TUN -> IpvsConstants.CONN_F_TUNNEL;
        };
    }

    private static int tunnelType(Tunnel t) {
        return switch (t.type()) {
            case ipip -> IpvsConstants.TUNNEL_TYPE_IPIP;
            case gue -> IpvsConstants.TUNNEL_TYPE_GUE;
            case gre -> IpvsConstants.TUNNEL_TYPE_GRE;
        };
    }

    private static int tunnelFlags(Tunnel t) {
        return switch (t.checksum()) {
            case NONE -> IpvsConstants.TUNNEL_ENCAP_FLAG_NOCSUM;
            case CHECKSUM -> IpvsConstants.TUNNEL_ENCAP_FLAG_CSUM;
            case REMOTE_CHECKSUM -> IpvsConstants.TUNNEL_ENCAP_FLAG_REMCSUM;
        };
    }

    /** A dotted IPv4 netmask as the 32-bit value (first octet most significant). */
    static int ipv4Mask(String dotted) {
        InetAddress a = Addresses.literal(dotted);
        if (!(a instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 netmask: " + dotted);
        }
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }
}
