package io.lvsdirector.model;

/**
 * IPVS scheduling algorithms. Constants are lower case because they are the names the kernel
 * and ipvsadm use (the kernel loads module ip_vs_NAME); the JSON value is the constant name.
 */
public enum Scheduler {
    rr, wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, mh, fo, ovf, twos
}
