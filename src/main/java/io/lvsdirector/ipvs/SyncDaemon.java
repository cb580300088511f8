package io.lvsdirector.ipvs;

/**
 * A connection-synchronisation daemon: the master multicasts its connection table on
 * {@code interfaceName}, a backup director applies it, so connections survive a failover.
 */
public record SyncDaemon(Role role, String interfaceName, int syncId) {
    public enum Role {
        MASTER, BACKUP
    }
}
