package io.lvsdirector.vrrp;

/** Why a state change happened; shown in status, logs and notifications. */
public enum TransitionReason {
    /** Started with priority 255: the address owner is MASTER at once. */
    STARTUP_OWNER,
    STARTUP,
    /** No advertisement from the master within Master_Down_Interval (or Skew_Time after priority 0). */
    MASTER_DOWN,
    /** An advertisement with higher priority, or equal priority from a higher address. */
    PREEMPTED,
    SHUTDOWN,
    TRACKED_LINK_DOWN,
    TRACKED_LINK_UP,
    /** Another member of the sync group changed state. */
    SYNC_GROUP
}
