package io.lvsdirector.ipvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * An IPVS table in memory that behaves like the kernel for the reconciler's logic: it rejects
 * duplicate adds, edits of missing objects and unknown schedulers, and adds the HASHED flag.
 */
final class InMemoryKernel implements IpvsKernel {

    private final TreeMap<ServiceKey, KernelTable.Entry> table = new TreeMap<>();
    private final Set<String> schedulers = Set.of("rr", "wrr", "lc", "wlc", "sh", "mh");
    final List<IpvsOp> writes = new ArrayList<>();
    /** Sizes of the batches given to {@link #applyAll}, in order. */
    final List<Integer> batches = new ArrayList<>();

    @Override
    public synchronized KernelTable dump() {
        return new KernelTable(table);
    }

    @Override
    public synchronized void apply(IpvsOp op) {
        writes.add(op);
        KernelTable.Entry e = table.get(op.service());
        if (op instanceof IpvsOp.AddService a) {
            requireScheduler(a.spec());
            if (e != null) {
                throw new IpvsException("EEXIST: service exists");
            }
            table.put(a.service(), KernelTable.Entry.dumped(hashed(a.spec()), new TreeMap<>()));
            return;
        }
        if (e == null) {
            throw new IpvsException("ESRCH: no such service");
        }
        TreeMap<DestinationKey, KernelDestination> dests = new TreeMap<>(e.destinations());
        if (op instanceof IpvsOp.EditService s) {
            requireScheduler(s.spec());
            table.put(s.service(), KernelTable.Entry.dumped(hashed(s.spec()), dests));
        } else if (op instanceof IpvsOp.DeleteService) {
            table.remove(op.service());
        } else if (op instanceof IpvsOp.AddDestination d) {
            if (dests.putIfAbsent(d.spec().key(), d.spec()) != null) {
                throw new IpvsException("EEXIST: destination exists");
            }
            table.put(op.service(), KernelTable.Entry.dumped(e.service(), dests));
        } else if (op instanceof IpvsOp.EditDestination d) {
            if (dests.replace(d.spec().key(), d.spec()) == null) {
                throw new IpvsException("ENOENT: no such destination");
            }
            table.put(op.service(), KernelTable.Entry.dumped(e.service(), dests));
        } else if (op instanceof IpvsOp.DeleteDestination d) {
            if (dests.remove(d.destination()) == null) {
                throw new IpvsException("ENOENT: no such destination");
            }
            table.put(op.service(), KernelTable.Entry.dumped(e.service(), dests));
        }
    }

    /** Like the kernel with several requests in one send: each op is applied in order and answered alone. */
    @Override
    public synchronized List<IpvsException> applyAll(List<IpvsOp> ops, int perSend) {
        batches.add(ops.size());
        List<IpvsException> errors = new ArrayList<>();
        for (IpvsOp op : ops) {
            try {
                apply(op);
                errors.add(null);
            } catch (IpvsException e) {
                errors.add(e);
            }
        }
        return errors;
    }

    /** What `ipvsadm -C` does. */
    synchronized void flush() {
        table.clear();
    }

    private void requireScheduler(KernelService s) {
        if (!schedulers.contains(s.scheduler())) {
            throw new IpvsException("ENOENT: scheduler " + s.scheduler() + " not found");
        }
    }

    private static KernelService hashed(KernelService s) {
        return new KernelService(s.key(), s.scheduler(), s.flags() | IpvsConstants.SVC_F_HASHED, s.timeoutSeconds(),
                s.netmask(), "");
    }
}
