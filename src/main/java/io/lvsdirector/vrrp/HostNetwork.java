package io.lvsdirector.vrrp;

import io.lvsdirector.netlink.Addresses;
import io.lvsdirector.netlink.LinkEventSocket;
import io.lvsdirector.netlink.Links;
import io.lvsdirector.netlink.Netlink;
import io.lvsdirector.netlink.NetlinkSocket;

/**
 * The kernel handles the VRRP worker shares between its instances, all opened on the worker thread and so in
 * its network namespace: an rtnetlink socket for links and addresses, a link monitor, and the announcer.
 */
final class HostNetwork implements AutoCloseable {

    private final NetlinkSocket route;
    private final Links links;
    private final Addresses addresses;
    private final LinkEventSocket linkEvents;
    private final VipManager vipManager;
    private final Announcer announcer;

    private HostNetwork(NetlinkSocket route, LinkEventSocket linkEvents) {
        this.route = route;
        this.links = new Links(route);
        this.addresses = new Addresses(route);
        this.linkEvents = linkEvents;
        this.vipManager = new VipManager(links, addresses);
        this.announcer = new Announcer(links);
    }

    static HostNetwork open() {
        NetlinkSocket route = NetlinkSocket.open(Netlink.NETLINK_ROUTE);
        try {
            return new HostNetwork(route, LinkEventSocket.open());
        } catch (RuntimeException e) {
            route.close();
            throw e;
        }
    }

    Links links() {
        return links;
    }

    Addresses addresses() {
        return addresses;
    }

    LinkEventSocket linkEvents() {
        return linkEvents;
    }

    VipManager vipManager() {
        return vipManager;
    }

    Announcer announcer() {
        return announcer;
    }

    @Override
    public void close() {
        announcer.close();
        linkEvents.close();
        route.close();
    }
}
