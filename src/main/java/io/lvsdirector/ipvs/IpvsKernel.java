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
}
