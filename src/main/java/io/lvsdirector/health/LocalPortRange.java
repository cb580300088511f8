package io.lvsdirector.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The local ports the kernel picks for outgoing connections (net.ipv4.ip_local_port_range, which IPv6 shares)
 * in the network namespace of the thread that reads it.
 */
record LocalPortRange(int low, int high) {

    private static final Path SYSCTL = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** When the range cannot be read: every unprivileged port may be a local one. */
    static final LocalPortRange UNPRIVILEGED = new LocalPortRange(1024, 65535);

    static LocalPortRange read() {
        try {
            String[] bounds = Files.readString(SYSCTL).trim().split("\\s+");
            return new LocalPortRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
        } catch (IOException | RuntimeException e) {
            return UNPRIVILEGED;
        }
    }

    boolean contains(int port) {
        return port >= low && port <= high;
    }
}
