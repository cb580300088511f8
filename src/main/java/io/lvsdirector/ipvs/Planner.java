package io.lvsdirector.ipvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the smallest list of kernel writes that turns the actual table into the desired one.
 *
 * <p>Anything that can be edited in place is edited (a scheduler, flag, timeout, weight, threshold
 * or forwarding change is a SET), because deleting and re-adding a service or destination drops its
 * connections. Services that are neither desired nor {@code owned} (created by us earlier) are
 * foreign: left alone unless {@code purgeForeign}.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(KernelTable desired, KernelTable actual, Set<ServiceKey> owned, boolean purgeForeign) {
        List<IpvsOp> deletes = new ArrayList<>();
        List<IpvsOp> upserts = new ArrayList<>();
        List<ServiceKey> foreign = new ArrayList<>();

        for (Map.Entry<ServiceKey, KernelTable.Entry> e : actual.services().entrySet()) {
            ServiceKey key = e.getKey();
            if (!desired.services().containsKey(key)) {
                if (owned.contains(key) || purgeForeign) {
                    deletes.add(new IpvsOp.DeleteService(key, null));
                } else {
                    foreign.add(key);
                }
            }
        }
        for (Map.Entry<ServiceKey, KernelTable.Entry> e : desired.services().entrySet()) {
            KernelTable.Entry want = e.getValue();
            KernelTable.Entry have = actual.services().get(e.getKey());
            if (have == null) {
                upserts.add(new IpvsOp.AddService(want.service(), want.owner()));
                want.destinations().values().forEach(d -> upserts.add(
                        new IpvsOp.AddDestination(e.getKey(), d, want.destinationOwners().get(d.key()))));
                continue;
            }
            if (!want.service().sameSettings(have.service())) {
                upserts.add(new IpvsOp.EditService(want.service(), want.owner()));
            }
            planDestinations(e.getKey(), want, have, deletes, upserts);
        }
        // Deletes first: a destination removed from one service frees nothing another needs, but a
        // service removed before its replacement is added keeps the table small while we work.
        List<IpvsOp> ops = new ArrayList<>(deletes);
        ops.addAll(upserts);
        return new Plan(ops, foreign);
    }

    private static void planDestinations(ServiceKey svc, KernelTable.Entry want, KernelTable.Entry have,
            List<IpvsOp> deletes, List<IpvsOp> upserts) {
        for (DestinationKey k : have.destinations().keySet()) {
            if (!want.destinations().containsKey(k)) {
                deletes.add(new IpvsOp.DeleteDestination(svc, k, want.owner()));
            }
        }
        for (KernelDestination d : want.destinations().values()) {
            KernelDestination cur = have.destinations().get(d.key());
            String owner = want.destinationOwners().get(d.key());
            if (cur == null) {
                upserts.add(new IpvsOp.AddDestination(svc, d, owner));
            } else if (!d.sameSettings(cur)) {
                upserts.add(new IpvsOp.EditDestination(svc, d, owner));
            }
        }
    }

    /** The writes to make, and the services found in the kernel that are not ours. */
    public record Plan(List<IpvsOp> ops, List<ServiceKey> foreign) {
        public Plan {
            ops = List.copyOf(ops);
            foreign = List.copyOf(foreign);
        }

        public boolean inSync() {
            return ops.isEmpty();
        }
    }
}
