package io.lvsdirector.vrrp;

import java.net.Inet4Address;

/**
 * The ARP payload of a gratuitous ARP (an RFC 5227 "ARP announcement"): a request whose sender and target
 * protocol addresses are both the VIP, sender hardware address ours, target hardware address zero. Sent to
 * the Ethernet broadcast address so every neighbour and switch refreshes its entry for the VIP.
 */
public final class GratuitousArp {

    public static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};
    static final int LENGTH = 28;
    private static final int OP_REQUEST = 1;

    private GratuitousArp() {
    }

    public static byte[] encode(byte[] senderMac, Inet4Address vip) {
        if (senderMac.length != 6) {
            throw new IllegalArgumentException("Ethernet address expected, got " + senderMac.length + " bytes");
        }
        byte[] ip = vip.getAddress();
        byte[] b = new byte[LENGTH];
        b[1] = 1;                 // hardware type Ethernet
        b[2] = 0x08;              // protocol type IPv4 (0x0800)
        b[4] = 6;                 // hardware address length
        b[5] = 4;                 // protocol address length
        b[7] = OP_REQUEST;
        System.arraycopy(senderMac, 0, b, 8, 6);
        System.arraycopy(ip, 0, b, 14, 4);
        // target hardware address (18..23) stays zero
        System.arraycopy(ip, 0, b, 24, 4);
        return b;
    }
}
