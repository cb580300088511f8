package io.lvsdirector.model;

/** Transport protocol of a virtual service bound to a VIP and port. */
public enum Protocol {
    TCP, UDP, SCTP
}
