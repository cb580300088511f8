package io.lvsdirector.vrrp;

/** The machine's timers. */
public enum TimerKind {
    /** MASTER: time to send the next advertisement. */
    ADVERT,
    /** BACKUP: the master is considered dead when this fires. */
    MASTER_DOWN,
    /** MASTER: periodic gratuitous ARP / NA refresh. */
    GARP_REFRESH
}
