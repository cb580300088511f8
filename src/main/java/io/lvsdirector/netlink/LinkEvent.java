package io.lvsdirector.netlink;

/** A link notification: the link's new state, or its last state when {@code removed} (RTM_DELLINK). */
public record LinkEvent(Link link, boolean removed) implements RouteEvent {
}
