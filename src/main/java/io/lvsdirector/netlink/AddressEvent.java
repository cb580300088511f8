package io.lvsdirector.netlink;

/** An address notification: added/changed (RTM_NEWADDR) or {@code removed} (RTM_DELADDR). */
public record AddressEvent(IfAddress address, boolean removed) implements RouteEvent {
}
