package io.lvsdirector.model;

/** Encapsulation used for a TUN real server (IP_VS_CONN_F_TUNNEL_TYPE_*). */
public enum TunnelType {
    ipip, gue, gre
}
