package io.lvsdirector.vrrp;

/** RFC states plus FAULT (a tracked interface is down: neither advertising nor taking over). */
public enum VrrpState {
    INITIALIZE, BACKUP, MASTER, FAULT
}
