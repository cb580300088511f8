package io.lvsdirector.ipvs;

/** The running kernel has no IPVS (the generic-netlink family is missing), or it cannot be reached. */
public class IpvsUnavailableException extends Exception {
    public IpvsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
