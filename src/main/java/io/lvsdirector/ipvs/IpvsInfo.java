package io.lvsdirector.ipvs;

/** IPVS version and connection hash table size, as `ipvsadm -Ln` prints in its first line. */
public record IpvsInfo(int major, int minor, int patch, int connectionTableSize) {
    public String version() {
        return major + "." + minor + "." + patch;
    }
}
