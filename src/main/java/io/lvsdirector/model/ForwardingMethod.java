package io.lvsdirector.model;

/** How IPVS forwards a packet to a real server: masquerading, direct routing or tunnelling. */
public enum ForwardingMethod {
    NAT, DR, TUN
}
