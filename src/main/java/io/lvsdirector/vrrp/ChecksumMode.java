package io.lvsdirector.vrrp;

/**
 * How a VRRPv3 checksum over IPv4 is computed (v2 never has a pseudo-header, v3 over IPv6 always has
 * one). RFC 9568 §5.2.8 says the IPv4 checksum covers the VRRP message only; RFC 5798 was read by
 * keepalived (and Wireshark's default) as including an IPv4 pseudo-header, and keepalived still sends
 * that unless {@code v3_checksum_as_v2} is configured. Hence the default is {@link #PSEUDO_HEADER}.
 *
 * <p>The pseudo-header's destination is the packet's real destination: 224.0.0.18, or the peer's
 * address for unicast peers, as current keepalived does (older releases summed 224.0.0.18 even for
 * unicast; keepalived calls that {@code unicast_chksum_compat}).
 */
public enum ChecksumMode {
    /** IPv4 pseudo-header (source, destination, 0, 112, length) + message: keepalived's default. */
    PSEUDO_HEADER,
    /** Message only, as VRRPv2 does: RFC 9568, keepalived's {@code v3_checksum_as_v2}, Cisco, FRR. */
    AS_V2;

    /** The mode that interoperates with a keepalived left at its defaults. */
    public static final ChecksumMode DEFAULT = PSEUDO_HEADER;
}
