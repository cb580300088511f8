package io.lvsdirector.model;

/**
 * How a VRRPv3-over-IPv4 checksum is computed. PSEUDO_HEADER (with an IPv4 pseudo-header) is what keepalived
 * sends by default; AS_V2 (message only) is RFC 9568 §5.2.8 and keepalived's {@code v3_checksum_as_v2}.
 * IPv6 always uses its pseudo-header; v2 never does.
 */
public enum VrrpChecksumMode {
    PSEUDO_HEADER, AS_V2
}
