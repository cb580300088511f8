package io.lvsdirector.ipvs;

/**
 * What the reconciler needs from the kernel. The real implementation speaks generic netlink to
 * the "IPVS" family; tests of the reconciler's logic use an in-memory table.
 */
public interface IpvsKernel {

    /** The whole table: every service with its destinations. */
    KernelTable dump();

    /** Applies one write. Throws {@link IpvsException} with the kernel's reason on failure. */
    void apply(IpvsOp op);
}
