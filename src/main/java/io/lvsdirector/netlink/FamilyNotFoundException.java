package io.lvsdirector.netlink;

/**
 * The generic-netlink controller has no family by that name (ENOENT): e.g. "IPVS" on a kernel without ip_vs.
 * A distinct type because callers treat it as "feature unavailable", not as a failure.
 */
public class FamilyNotFoundException extends NetlinkException {

    private final String family;

    public FamilyNotFoundException(String family, NlError error) {
        super("generic netlink family \"" + family + "\" not found", error);
        this.family = family;
    }

    public String family() {
        return family;
    }
}
