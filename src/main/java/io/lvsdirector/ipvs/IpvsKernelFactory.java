package io.lvsdirector.ipvs;

/** Opens a connection to the kernel's IPVS; called again later if IPVS was not there. */
@FunctionalInterface
public interface IpvsKernelFactory {
    IpvsKernel open() throws IpvsUnavailableException;
}
