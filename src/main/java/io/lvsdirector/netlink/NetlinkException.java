package io.lvsdirector.netlink;

/**
 * The kernel refused a netlink request (NLMSG_ERROR with a non-zero error), or the conversation broke
 * (timeout, truncated datagram, malformed reply). Carries the errno and, when the kernel gave one, the
 * extended-ACK message, e.g. "RTM_NEWADDR: ENODEV (No such device): Device not found".
 */
public class NetlinkException extends ErrnoException {

    private final String extAckMessage;
    private final int attributeOffset;

    public NetlinkException(String message, int errno) {
        super(message, errno, null);
        this.extAckMessage = null;
        this.attributeOffset = -1;
    }

    public NetlinkException(String operation, NlError error) {
        super(format(operation, error), error.errno(), null);
        this.extAckMessage = error.message();
        this.attributeOffset = error.attributeOffset();
    }

    private static String format(String operation, NlError error) {
        String s = operation + ": " + Errno.describe(error.errno());
        if (error.message() != null && !error.message().isEmpty()) {
            s += ": " + error.message();
        }
        if (error.attributeOffset() >= 0) {
            s += " (attribute at offset " + error.attributeOffset() + ")";
        }
        return s;
    }

    /** The kernel's extended-ACK text (NLMSGERR_ATTR_MSG), or null. */
    public String extAckMessage() {
        return extAckMessage;
    }

    /** Offset of the offending attribute in the request (NLMSGERR_ATTR_OFFS), or -1. */
    public int attributeOffset() {
        return attributeOffset;
    }
}
