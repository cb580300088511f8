package io.lvsdirector.ipvs;

/** Values from include/uapi/linux/ip_vs.h that the kernel-side model needs. */
public final class IpvsConstants {

    /** Service flags (IP_VS_SVC_F_*). */
    public static final int SVC_F_PERSISTENT = 0x0001;
    public static final int SVC_F_HASHED = 0x0002;
    public static final int SVC_F_ONEPACKET = 0x0004;
    public static final int SVC_F_SCHED1 = 0x0008;
    public static final int SVC_F_SCHED2 = 0x0010;
    public static final int SVC_F_SCHED3 = 0x0020;
    /** The flags a user sets; the kernel adds HASHED by itself, so comparisons ignore it. */
    public static final int SVC_F_USER_MASK =
            SVC_F_PERSISTENT | SVC_F_ONEPACKET | SVC_F_SCHED1 | SVC_F_SCHED2 | SVC_F_SCHED3;

    /** Forwarding methods (IP_VS_CONN_F_FWD_MASK part of the destination's conn flags). */
    public static final int CONN_F_FWD_MASK = 0x0007;
    public static final int CONN_F_MASQ = 0x0000;
    public static final int CONN_F_LOCALNODE = 0x0001;
    public static final int CONN_F_TUNNEL = 0x0002;
    public static final int CONN_F_DROUTE = 0x0003;
    public static final int CONN_F_BYPASS = 0x0004;

    /** Tunnel types (IP_VS_CONN_F_TUNNEL_TYPE_*). */
    public static final int TUNNEL_TYPE_IPIP = 0;
    public static final int TUNNEL_TYPE_GUE = 1;
    public static final int TUNNEL_TYPE_GRE = 2;

    /** Tunnel encapsulation flags (IP_VS_TUNNEL_ENCAP_FLAG_*). */
    public static final int TUNNEL_ENCAP_FLAG_NOCSUM = 0;
    public static final int TUNNEL_ENCAP_FLAG_CSUM = 1;
    public static final int TUNNEL_ENCAP_FLAG_REMCSUM = 1 << 1;

    /** Persistence without a netmask given: one client address (IPv4 /32, IPv6 /128). */
    public static final int DEFAULT_NETMASK_V4 = 0xFFFFFFFF;
    public static final int DEFAULT_PREFIX_V6 = 128;

    private IpvsConstants() {
    }
}
