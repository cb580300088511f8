package io.lvsdirector.netlink;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to one request, assembled from the messages the kernel sends back. Pure logic (no I/O) so the
 * rules are unit-tested: only messages with our sequence number count; an ACK-style request ends at its
 * NLMSG_ERROR (errno 0 = ACK), a dump at NLMSG_DONE; any error status becomes a {@link NetlinkException};
 * NLM_F_DUMP_INTR on any part marks the dump as inconsistent.
 */
final class Exchange {

    private final String operation;
    private final int seq;
    private final List<NlMsg> replies = new ArrayList<>();
    private boolean interrupted;
    private boolean complete;

    Exchange(String operation, int seq) {
        this.operation = operation;
        this.seq = seq;
    }

    /** Takes one received message; returns true once the exchange is complete. */
    boolean accept(NlMsg m) {
        if (complete || m.seq() != seq) {
            return complete; // stale reply of an abandoned request, or a notification
        }
        interrupted |= m.hasFlag(Netlink.NLM_F_DUMP_INTR);
        switch (m.type()) {
            case Netlink.NLMSG_ERROR:
                finish(NlError.parse(m));
                break;
            case Netlink.NLMSG_DONE:
                // a dump ends here; the kernel sends no separate ACK after it even when one was asked for
                finish(NlError.parseDone(m));
                break;
            case Netlink.NLMSG_NOOP:
                break;
            default:
                replies.add(m);
        }
        return complete;
    }

    private void finish(NlError status) {
        complete = true;
        if (!status.isAck()) {
            throw new NetlinkException(operation, status);
        }
    }

    boolean complete() {
        return complete;
    }

    List<NlMsg> replies() {
        return replies;
    }

    /** Some part carried NLM_F_DUMP_INTR: the table changed during the dump. */
    boolean interrupted() {
        return interrupted;
    }
}
