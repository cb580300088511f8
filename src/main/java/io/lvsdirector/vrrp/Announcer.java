package io.lvsdirector.vrrp;

import io.lvsdirector.netlink.Link;
import io.lvsdirector.netlink.Links;
import io.lvsdirector.netlink.PacketSocket;
import io.lvsdirector.netlink.RawSocket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells the link that the VIPs moved here: gratuitous ARP for IPv4 (AF_PACKET, broadcast) and unsolicited
 * neighbour advertisements for IPv6 (to ff02::1, hop limit 255). Sockets are opened on first use, on the
 * worker thread, hence in its namespace.
 */
final class Announcer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Announcer.class);
    private static final int HOP_LIMIT = 255;

    private final Links links;
    private PacketSocket arp;
    private RawSocket icmp6;

    Announcer(Links links) {
        this.links = links;
    }

    /** Sends {@code repeat} rounds of announcements for every VIP. */
    void announce(List<VipBinding> vips, int repeat) {
        for (int round = 0; round < repeat; round++) {
            for (VipBinding vip : vips) {
                Link link = links.get(vip.interfaceName());
                byte[] mac = link.hardwareAddress();
                if (mac.length != 6) {
                    LOG.debugf("no announcement for %s: %s has no Ethernet address", vip, link.name());
                    continue;
                }
                if (vip.address() instanceof Inet4Address v4) {
                    arpSocket().send(link.index(), PacketSocket.ETH_P_ARP, GratuitousArp.BROADCAST_MAC,
                            GratuitousArp.encode(mac, v4));
                } else {
                    icmp6Socket().send(UnsolicitedNeighborAdvert.ALL_NODES, link.index(),
                            UnsolicitedNeighborAdvert.encode(mac, (Inet6Address) vip.address()));
                }
            }
        }
    }

    private PacketSocket arpSocket() {
        if (arp == null) {
            arp = PacketSocket.open();
        }
        return arp;
    }

    private RawSocket icmp6Socket() {
        if (icmp6 == null) {
            // The interface comes with each send (the scope id of ff02::1); 0 leaves the default unset.
            icmp6 = RawSocket.open(true, RawSocket.IPPROTO_ICMPV6).multicastSender(0, HOP_LIMIT).sendOnly();
        }
        return icmp6;
    }

    @Override
    public void close() {
        if (arp != null) {
            arp.close();
        }
        if (icmp6 != null) {
            icmp6.close();
        }
    }
}
