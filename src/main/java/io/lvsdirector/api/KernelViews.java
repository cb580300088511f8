package io.lvsdirector.api;

import io.lvsdirector.ipvs.DestinationKey;
import io.lvsdirector.ipvs.IpvsConstants;
import io.lvsdirector.ipvs.IpvsDump;
import io.lvsdirector.ipvs.IpvsOp;
import io.lvsdirector.ipvs.IpvsStats;
import io.lvsdirector.ipvs.KernelDestination;
import io.lvsdirector.ipvs.KernelService;
import io.lvsdirector.ipvs.KernelTable;
import io.lvsdirector.ipvs.Planner;
import io.lvsdirector.ipvs.ReconcileResult;
import io.lvsdirector.ipvs.ReconcileStatus;
import io.lvsdirector.ipvs.ServiceKey;
import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON shapes of the kernel views, in the API's own terms (names, forwarding methods) where it can. */
final class KernelViews {

    private KernelViews() {
    }

    @Schema(name = "KernelTable", description = "The kernel's IPVS table")
    record Table(List<Service> services) {
    }

    @Schema(name = "KernelService", description = "A virtual service as the kernel holds it")
    record Service(
            @Schema(description = "Name of the virtual service it comes from; null for a service not in the desired state")
            String virtualService,
            @Schema(description = "True when the director does not manage it (someone else created it)") boolean foreign,
            AddressFamily addressFamily, Protocol protocol, String address, Integer port, Long fwmark,
            String scheduler, List<String> flags, int persistenceTimeoutSeconds, String netmask, Traffic traffic,
            List<Destination> realServers) {
    }

    @Schema(name = "KernelRealServer", description = "A real server as the kernel holds it")
    record Destination(
            @Schema(description = "Name of the real server it comes from; null when not in the desired state") String name,
            String address, int port, String forwarding, int weight, long upperThreshold, long lowerThreshold,
            long activeConnections, long inactiveConnections, long persistentConnections, Traffic traffic) {
    }

    @Schema(name = "KernelTraffic", description = "Kernel traffic counters: totals and per-second rates")
    record Traffic(long connections, long packetsIn, long packetsOut, long bytesIn, long bytesOut,
            long connectionsPerSecond, long packetsInPerSecond, long packetsOutPerSecond, long bytesInPerSecond,
            long bytesOutPerSecond) {
        static Traffic of(IpvsStats s) {
            return new Traffic(s.connections(), s.packetsIn(), s.packetsOut(), s.bytesIn(), s.bytesOut(),
                    s.connectionsPerSecond(), s.packetsInPerSecond(), s.packetsOutPerSecond(), s.bytesInPerSecond(),
                    s.bytesOutPerSecond());
        }
    }

    @Schema(name = "KernelPlan", description = "The kernel writes a reconcile pass would make now")
    record PlanView(boolean inSync, List<Op> operations, List<String> foreignServices) {
    }

    @Schema(name = "KernelOperation", description = "One kernel write")
    record Op(String op, String service, String object, String description) {
    }

    @Schema(name = "ReconcilerStatus", description = "Reconciler status")
    record StatusView(boolean enabled, boolean available, String unavailableReason, boolean inSync,
            long desiredRevision, LastPass lastPass) {
    }

    @Schema(name = "ReconcilePass", description = "The last reconcile pass")
    record LastPass(Instant finishedAt, long durationMillis, long stateRevision, List<String> applied,
            List<ReconcileResult.Failure> failures, List<String> foreignServices) {
    }

    static Table table(IpvsDump dump, KernelTable desired, Set<ServiceKey> owned) {
        List<Service> out = new ArrayList<>();
        for (IpvsDump.ServiceView sv : dump.services()) {
            KernelService s = sv.service();
            ServiceKey k = s.key();
            KernelTable.Entry want = desired.services().get(k);
            List<Destination> dests = new ArrayList<>();
            for (IpvsDump.DestinationView dv : sv.destinations()) {
                KernelDestination d = dv.destination();
                DestinationKey dk = d.key();
                dests.add(new Destination(want == null ? null : want.destinationOwners().get(dk),
                        dk.address().getHostAddress(), dk.port(), forwarding(d.forwarding()), d.weight(),
                        d.upperThreshold(), d.lowerThreshold(), dv.activeConnections(), dv.inactiveConnections(),
                        dv.persistentConnections(), Traffic.of(dv.stats())));
            }
            out.add(new Service(want == null ? null : want.owner(), want == null && !owned.contains(k), k.family(),
                    k.protocol(), k.address() == null ? null : k.address().getHostAddress(),
                    k.isFwmark() ? null : k.port(), k.isFwmark() ? k.fwmark() : null, s.scheduler(), flags(s.flags()),
                    s.timeoutSeconds(), netmask(s), Traffic.of(sv.stats()), dests));
        }
        return new Table(out);
    }

    static PlanView plan(Planner.Plan plan) {
        List<Op> ops = plan.ops().stream()
                .map(o -> new Op(opName(o), o.service().toString(), o.owner(), o.describe())).toList();
        return new PlanView(plan.inSync(), ops, plan.foreign().stream().map(ServiceKey::toString).toList());
    }

    static StatusView status(ReconcileStatus s) {
        ReconcileResult r = s.lastResult();
        LastPass last = r == null ? null : new LastPass(r.finishedAt(), r.duration().toMillis(), r.stateRevision(),
                r.applied(), r.failures(), r.foreign());
        return new StatusView(s.enabled(), s.available(), s.unavailableReason(), s.inSync(), s.desiredRevision(), last);
    }

    private static String opName(IpvsOp o) {
        String simple = o.getClass().getSimpleName();
        return simple.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    private static String forwarding(int f) {
        return switch (f & IpvsConstants.CONN_F_FWD_MASK) {
            case IpvsConstants.CONN_F_MASQ -> "NAT";
            case IpvsConstants.CONN_F_DROUTE -> "DR";
            case IpvsConstants.CONN_F_TUNNEL -> "TUN";
            case IpvsConstants.CONN_F_LOCALNODE -> "LOCAL";
            default -> "BYPASS";
        };
    }

    private static List<String> flags(int f) {
        List<String> out = new ArrayList<>();
        if ((f & IpvsConstants.SVC_F_PERSISTENT) != 0) {
            out.add("persistent");
        }
        if ((f & IpvsConstants.SVC_F_ONEPACKET) != 0) {
            out.add("one-packet");
        }
        if ((f & IpvsConstants.SVC_F_SCHED1) != 0) {
            out.add("sched1");
        }
        if ((f & IpvsConstants.SVC_F_SCHED2) != 0) {
            out.add("sched2");
        }
        if ((f & IpvsConstants.SVC_F_SCHED3) != 0) {
            out.add("sched3");
        }
        return out;
    }

    private static String netmask(KernelService s) {
        if (s.key().family() == AddressFamily.INET6) {
            return "/" + s.netmask();
        }
        int m = s.netmask();
        return ((m >>> 24) & 0xff) + "." + ((m >>> 16) & 0xff) + "." + ((m >>> 8) & 0xff) + "." + (m & 0xff);
    }
}
