package io.lvsdirector.netlink;

import java.util.HexFormat;

/**
 * A network interface as RTM_NEWLINK describes it.
 *
 * @param flags      IFF_* bits (IFF_UP: administratively up, IFF_RUNNING / IFF_LOWER_UP: carrier)
 * @param macAddress IFLA_ADDRESS as "aa:bb:cc:dd:ee:ff" (empty for links without one)
 */
public record Link(int index, String name, int flags, int mtu, OperState operState, String macAddress) {

    public boolean isUp() {
        return (flags & RtNetlink.IFF_UP) != 0;
    }

    public boolean isRunning() {
        return (flags & RtNetlink.IFF_RUNNING) != 0;
    }

    public boolean isLowerUp() {
        return (flags & RtNetlink.IFF_LOWER_UP) != 0;
    }

    public boolean isLoopback() {
        return (flags & RtNetlink.IFF_LOOPBACK) != 0;
    }

    /** The hardware address bytes (6 for Ethernet), e.g. for the source of a gratuitous ARP. */
    public byte[] hardwareAddress() {
        return macAddress.isEmpty() ? new byte[0] : HexFormat.ofDelimiter(":").parseHex(macAddress);
    }

    static String formatMac(byte[] b) {
        return HexFormat.ofDelimiter(":").formatHex(b);
    }
}
