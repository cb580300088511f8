package io.lvsdirector.netlink;

import java.util.List;

/**
 * Outcome of one request of a {@link NetlinkSocket#batch batch}: its position in the batch, the sequence number
 * it was sent with, the kernel's ACK or error, and any replies that came before the ACK.
 */
public record BatchResult(int index, int seq, NlError status, List<NlMsg> replies) {

    public boolean ok() {
        return status.isAck();
    }

    /** The failure as an exception (for callers that report per object), or null when the request succeeded. */
    public NetlinkException exception(String operation) {
        return ok() ? null : new NetlinkException(operation, status);
    }
}
