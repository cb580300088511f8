package io.lvsdirector.vrrp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The ICMPv6 message of an unsolicited neighbour advertisement (RFC 4861 §7.2.6): type 136, Override set,
 * Solicited clear, target = the VIP, with our link-layer address as option, sent to all-nodes ff02::1 with
 * hop limit 255. The checksum field is left zero: the kernel fills it in for ICMPv6 raw sockets.
 */
public final class UnsolicitedNeighborAdvert {

    public static final InetAddress ALL_NODES = allNodes();
    static final int LENGTH = 32;
    private static final int TYPE_NEIGHBOR_ADVERTISEMENT = (byte) 136;
    private static final int FLAG_OVERRIDE = 0x20;
    private static final int OPTION_TARGET_LINK_LAYER_ADDRESS = 2;

    private UnsolicitedNeighborAdvert() {
    }

    public static byte[] encode(byte[] senderMac, Inet6Address vip) {
        if (senderMac.length != 6) {
            throw new IllegalArgumentException("Ethernet address expected, got " + senderMac.length + " bytes");
        }
        byte[] b = new byte[LENGTH];
        b[0] = (byte) TYPE_NEIGHBOR_ADVERTISEMENT;
        b[4] = FLAG_OVERRIDE;
        System.arraycopy(vip.getAddress(), 0, b, 8, 16);
        b[24] = OPTION_TARGET_LINK_LAYER_ADDRESS;
        b[25] = 1; // option length in units of 8 bytes
        System.arraycopy(senderMac, 0, b, 26, 6);
        return b;
    }

    private static InetAddress allNodes() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
