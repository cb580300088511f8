package io.lvsdirector.model;

/** Address family, named as the kernel names it (AF_INET, AF_INET6). */
public enum AddressFamily {
    INET, INET6
}
