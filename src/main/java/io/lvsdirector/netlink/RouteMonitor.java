package io.lvsdirector.netlink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * rtnetlink notifications (links and/or addresses) in the namespace of the opening thread, e.g. for VRRP to
 * react when a tracked interface loses carrier or someone removes a VIP. One consumer thread polls.
 */
public final class RouteMonitor implements AutoCloseable {

    private final NetlinkSocket socket;

    private RouteMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Subscribes to the given groups, e.g. {@link RtNetlink#RTNLGRP_LINK}, {@link RtNetlink#RTNLGRP_IPV4_IFADDR}. */
    public static RouteMonitor open(int... groups) {
        NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
        try {
            for (int g : groups) {
                s.joinGroup(g);
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return new RouteMonitor(s);
    }

    /** Link changes only. */
    public static RouteMonitor links() {
        return open(RtNetlink.RTNLGRP_LINK);
    }

    /** Link changes and IPv4/IPv6 address changes. */
    public static RouteMonitor linksAndAddresses() {
        return open(RtNetlink.RTNLGRP_LINK, RtNetlink.RTNLGRP_IPV4_IFADDR, RtNetlink.RTNLGRP_IPV6_IFADDR);
    }

    /**
     * Waits up to {@code timeout} for the next notification datagram and returns its events (empty on
     * timeout). Throws {@link ErrnoException} ENOBUFS when notifications were lost: re-read the state then.
     */
    public List<RouteEvent> poll(Duration timeout) {
        socket.setReceiveTimeout(timeout.isZero() ? Duration.ofNanos(1000) : timeout);
        List<NlMsg> msgs;
        try {
            msgs = socket.receive();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ETIMEDOUT) {
                return List.of();
            }
            throw e;
        }
        List<RouteEvent> out = new ArrayList<>();
        for (NlMsg m : msgs) {
            switch (m.type()) {
                case RtNetlink.RTM_NEWLINK -> out.add(new LinkEvent(Links.parse(m), false));
                case RtNetlink.RTM_DELLINK -> out.add(new LinkEvent(Links.parse(m), true));
                case RtNetlink.RTM_NEWADDR -> out.add(new AddressEvent(Addresses.parse(m), false));
                case RtNetlink.RTM_DELADDR -> out.add(new AddressEvent(Addresses.parse(m), true));
                default -> {
                    // other rtnetlink traffic is not ours to interpret
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        socket.close();
    }
}
