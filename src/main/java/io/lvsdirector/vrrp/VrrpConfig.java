package io.lvsdirector.vrrp;

import io.lvsdirector.model.VrrpInstance;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything one virtual router's state machine and receive checks need. Built from the API's
 * {@link VrrpInstance} plus what only the host knows (primary address of the interface, resolved VIPs).
 *
 * @param advertIntervalCs Advertisement_Interval in centiseconds (v2: a multiple of 100)
 * @param primaryAddress   our source address: sent in adverts, compared on priority ties
 * @param authType         v2 authentication type (0 none, 1 simple text); 0 for v3
 * @param authData         v2 authentication data, 8 bytes; empty for v3
 * @param garpInitialRepeat gratuitous ARPs / unsolicited NAs sent per VIP on becoming MASTER
 * @param garpRefreshInterval repeat one round of them this often while MASTER; zero = off
 */
public record VrrpConfig(String name, int version, int vrid, int priority, int advertIntervalCs, boolean preempt,
        Duration preemptDelay, InetAddress primaryAddress, List<InetAddress> vips, int authType, byte[] authData,
        ChecksumMode checksumMode, int garpInitialRepeat, Duration garpRefreshInterval) {

    public static final int OWNER_PRIORITY = 255;

    public VrrpConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primaryAddress, "primaryAddress");
        vips = List.copyOf(vips);
        authData = authData == null ? new byte[version == 2 ? VrrpPacket.AUTH_DATA_LENGTH : 0] : authData.clone();
        preemptDelay = preemptDelay == null ? Duration.ZERO : preemptDelay;
        garpRefreshInterval = garpRefreshInterval == null ? Duration.ZERO : garpRefreshInterval;
        checksumMode = checksumMode == null ? ChecksumMode.DEFAULT : checksumMode;
        if (priority < 1 || priority > 255 || vrid < 1 || vrid > 255) {
            throw new IllegalArgumentException("priority and vrid must be 1..255");
        }
        // Building the advert validates version, interval granularity, address family and auth shape.
        new VrrpPacket(version, vrid, priority, advertIntervalCs, authType, authData, vips);
        if (version == 2 && !(primaryAddress instanceof java.net.Inet4Address)) {
            throw new IllegalArgumentException("VRRPv2 is IPv4 only: " + primaryAddress);
        }
        for (InetAddress vip : vips) {
            if (vip.getClass() != primaryAddress.getClass()) {
                throw new IllegalArgumentException("VIP " + vip + " is not of the primary address's family");
            }
        }
        if (advertIntervalCs < 1) {
            throw new IllegalArgumentException("advertisement interval must be positive");
        }
        if (garpInitialRepeat < 0 || preemptDelay.isNegative() || garpRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("repeat counts and durations must not be negative");
        }
    }

    /** Maps the API record; the interface's primary address and the instance's VIPs come from the host. */
    public static VrrpConfig from(VrrpInstance instance, InetAddress primaryAddress, List<InetAddress> vips,
            ChecksumMode checksumMode, int garpInitialRepeat, Duration garpRefreshInterval) {
        int authType = 0;
        byte[] authData = null;
        if (instance.version() == 2 && instance.authentication() != null) {
            authType = VrrpPacket.AUTH_SIMPLE_TEXT;
            authData = Arrays.copyOf(instance.authentication().password().getBytes(StandardCharsets.US_ASCII),
                    VrrpPacket.AUTH_DATA_LENGTH); // zero-padded, as keepalived does
        }
        return new VrrpConfig(instance.name(), instance.version(), instance.virtualRouterId(), instance.priority(),
                instance.advertIntervalMs() / 10, instance.preempt(), Duration.ofMillis(instance.preemptDelayMs()),
                primaryAddress, vips, authType, authData, checksumMode, garpInitialRepeat, garpRefreshInterval);
    }

    public static Builder builder(String name, int version, int vrid, InetAddress primaryAddress) {
        return new Builder(name, version, vrid, primaryAddress);
    }

    public boolean owner() {
        return priority == OWNER_PRIORITY;
    }

    /** Advertisement_Interval in nanoseconds. */
    public long advertIntervalNanos() {
        return advertIntervalCs * Timing.NANOS_PER_CS;
    }

    /** The advertisement this router sends, at the given priority. */
    public VrrpPacket advert(int sendPriority) {
        return new VrrpPacket(version, vrid, sendPriority, advertIntervalCs, authType, authData, vips);
    }

    @Override
    public byte[] authData() {
        return authData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VrrpConfig c && name.equals(c.name) && version == c.version && vrid == c.vrid
                && priority == c.priority && advertIntervalCs == c.advertIntervalCs && preempt == c.preempt
                && preemptDelay.equals(c.preemptDelay) && primaryAddress.equals(c.primaryAddress)
                && vips.equals(c.vips) && authType == c.authType && Arrays.equals(authData, c.authData)
                && checksumMode == c.checksumMode && garpInitialRepeat == c.garpInitialRepeat
                && garpRefreshInterval.equals(c.garpRefreshInterval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, vrid, priority, primaryAddress, vips);
    }

    @Override
    public String toString() {
        return "VrrpConfig[" + name + " v" + version + " vrid=" + vrid + " prio=" + priority + " int="
                + advertIntervalCs + "cs preempt=" + preempt + " delay=" + preemptDelay + " primary="
                + primaryAddress.getHostAddress() + " vips=" + vips + "]"; // auth data left out on purpose
    }

    /** Fluent construction with the defaults of keepalived where it has one. */
    public static final class Builder {
        private final String name;
        private final int version;
        private final int vrid;
        private final InetAddress primaryAddress;
        private int priority = 100;
        private int advertIntervalCs = 100;
        private boolean preempt = true;
        private Duration preemptDelay = Duration.ZERO;
        private List<InetAddress> vips = List.of();
        private int authType;
        private byte[] authData;
        private ChecksumMode checksumMode = ChecksumMode.DEFAULT;
        private int garpInitialRepeat = 5;
        private Duration garpRefreshInterval = Duration.ZERO;

        private Builder(String name, int version, int vrid, InetAddress primaryAddress) {
            this.name = name;
            this.version = version;
            this.vrid = vrid;
            this.primaryAddress = primaryAddress;
        }

        public Builder priority(int v) { priority = v; return this; }
        public Builder advertIntervalCs(int v) { advertIntervalCs = v; return this; }
        public Builder preempt(boolean v) { preempt = v; return this; }
        public Builder preemptDelay(Duration v) { preemptDelay = v; return this; }
        public Builder vips(List<InetAddress> v) { vips = v; return this; }
        public Builder auth(int type, byte[] data) { authType = type; authData = data; return this; }
        public Builder checksumMode(ChecksumMode v) { checksumMode = v; return this; }
        public Builder garpInitialRepeat(int v) { garpInitialRepeat = v; return this; }
        public Builder garpRefreshInterval(Duration v) { garpRefreshInterval = v; return this; }

        public VrrpConfig build() {
            return new VrrpConfig(name, version, vrid, priority, advertIntervalCs, preempt, preemptDelay,
                    primaryAddress, vips, authType, authData, checksumMode, garpInitialRepeat, garpRefreshInterval);
        }
    }
}
