package io.lvsdirector.netlink;

/** An rtnetlink notification delivered by {@link RouteMonitor}. */
public sealed interface RouteEvent permits LinkEvent, AddressEvent {

    /** RTM_DEL* rather than RTM_NEW*. */
    boolean removed();
}
