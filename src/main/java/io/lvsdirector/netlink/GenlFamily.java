package io.lvsdirector.netlink;

import java.util.Map;

/**
 * A generic-netlink family as the controller describes it.
 *
 * @param id              the nlmsg_type to use for this family's requests
 * @param hdrSize         size of the family's own header after genlmsghdr (0 for IPVS)
 * @param maxAttr         highest top-level attribute number the kernel knows
 * @param multicastGroups group name to group id, for {@link NetlinkSocket#joinGroup}
 */
public record GenlFamily(int id, String name, int version, int hdrSize, int maxAttr,
        Map<String, Integer> multicastGroups) {

    public GenlFamily {
        multicastGroups = Map.copyOf(multicastGroups);
    }

    /** A request to this family: nlmsghdr(type = id) + genlmsghdr(cmd, version). */
    public MessageBuilder request(int cmd, int flags) {
        return MessageBuilder.genl(id, flags, cmd, version);
    }
}
