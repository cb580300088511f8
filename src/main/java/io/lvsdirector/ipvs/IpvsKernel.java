package io.lvsdirector.ipvs;

/**
 * What the reconciler needs from the kernel. The real implementation speaks generic netlink to
 * the "IPVS" family; tests of the reconciler's logic use an in-memory table.
 */
public interface IpvsKernel {

    /** The whole table: every service with its destinations. */
    KernelTable dump();

    /** The table with traffic counters; kernels that keep none report zeros. */
    default IpvsDump dumpWithStats() {
        java.util.List<IpvsDump.ServiceView> services = new java.util.ArrayList<>();
        dump().services().values().forEach(e -> services.add(new IpvsDump.ServiceView(e.service(), IpvsStats.ZERO,
                e.destinations().values().stream()
                        .map(d -> new IpvsDump.DestinationView(d, 0, 0, 0, IpvsStats.ZERO)).toList())));
        return new IpvsDump(services);
    }

    /** Applies one write. Throws {@link IpvsException} with the kernel's reason on failure. */
    void apply(IpvsOp op);

    /**
     * Applies ops in order, going on after a failed one; returns the failure or null for each op, in order.
     * {@code perSend} is how many may share one write to the kernel where the transport can do that; this
     * default sends them one by one.
     */
    default java.util.List<IpvsException> applyAll(java.util.List<IpvsOp> ops, int perSend) {
        java.util.List<IpvsException> errors = new java.util.ArrayList<>(ops.size());
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
}
