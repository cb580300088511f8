package io.lvsdirector.netlink;

import java.util.LinkedHashMap;
import java.util.Map;

/** The generic-netlink controller ("nlctrl"): resolves a family name to its id and properties. */
public final class GenericNetlink {

    public static final int GENL_HDRLEN = 4;
    public static final int GENL_ID_CTRL = 0x10;

    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_GETFAMILY = 3;

    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;
    public static final int CTRL_ATTR_OPS = 6;
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;

    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    private GenericNetlink() {
    }

    /** The CTRL_CMD_GETFAMILY request for a name (genlmsghdr version 0, as iproute2's genl sends it). */
    public static MessageBuilder getFamilyRequest(String name) {
        return MessageBuilder.genl(GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY, 0)
                .string(CTRL_ATTR_FAMILY_NAME, name);
    }

    /**
     * Looks a family up on a NETLINK_GENERIC socket. Throws {@link FamilyNotFoundException} when the kernel has
     * no such family (the kernel first tries to load a module that provides it, so a loadable ip_vs appears).
     */
    public static GenlFamily resolve(NetlinkSocket socket, String name) {
        try {
            for (NlMsg m : socket.request("CTRL_CMD_GETFAMILY " + name, getFamilyRequest(name))) {
                if (m.type() == GENL_ID_CTRL && m.genlCmd() == CTRL_CMD_NEWFAMILY) {
                    return parseFamily(m);
                }
            }
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new FamilyNotFoundException(name, new NlError(e.errno(), GENL_ID_CTRL, 0,
                        e.extAckMessage(), e.attributeOffset()));
            }
            throw e;
        }
        throw new NetlinkException("CTRL_CMD_GETFAMILY " + name + ": no family in the reply", Errno.EPROTO);
    }

    /** Decodes a CTRL_CMD_NEWFAMILY message (the answer to GETFAMILY). */
    public static GenlFamily parseFamily(NlMsg m) {
        NlAttrs a = m.genlAttrs();
        Map<String, Integer> groups = new LinkedHashMap<>();
        NlAttr mc = a.get(CTRL_ATTR_MCAST_GROUPS);
        if (mc != null) {
            for (NlAttr group : mc.nested().all()) { // entries are numbered 1..n
                NlAttrs g = group.nested();
                if (g.has(CTRL_ATTR_MCAST_GRP_NAME) && g.has(CTRL_ATTR_MCAST_GRP_ID)) {
                    groups.put(g.get(CTRL_ATTR_MCAST_GRP_NAME).string(), g.get(CTRL_ATTR_MCAST_GRP_ID).u32());
                }
            }
        }
        return new GenlFamily(
                a.require(CTRL_ATTR_FAMILY_ID).u16(),
                a.require(CTRL_ATTR_FAMILY_NAME).string(),
                a.has(CTRL_ATTR_VERSION) ? a.get(CTRL_ATTR_VERSION).u32() : 0,
                a.has(CTRL_ATTR_HDRSIZE) ? a.get(CTRL_ATTR_HDRSIZE).u32() : 0,
                a.has(CTRL_ATTR_MAXATTR) ? a.get(CTRL_ATTR_MAXATTR).u32() : 0,
                groups);
    }
}
