package io.lvsdirector.netlink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Link-change notifications (RTNLGRP_LINK) in the namespace of the opening thread, e.g. for VRRP to react when
 * a tracked interface loses carrier. One consumer thread polls.
 */
public final class LinkMonitor implements AutoCloseable {

    private final NetlinkSocket socket;

    private LinkMonitor(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static LinkMonitor open() {
        NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
        try {
            s.joinGroup(RtNetlink.RTNLGRP_LINK);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return new LinkMonitor(s);
    }

    /**
     * Waits up to {@code timeout} for the next notification datagram and returns its link events (empty on
     * timeout). Throws {@link ErrnoException} ENOBUFS when notifications were lost: re-read the links then.
     */
    public List<LinkEvent> poll(Duration timeout) {
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
        List<LinkEvent> out = new ArrayList<>();
        for (NlMsg m : msgs) {
            if (m.type() == RtNetlink.RTM_NEWLINK || m.type() == RtNetlink.RTM_DELLINK) {
                out.add(new LinkEvent(Links.parse(m), m.type() == RtNetlink.RTM_DELLINK));
            }
        }
        return out;
    }

    @Override
    public void close() {
        socket.close();
    }
}
