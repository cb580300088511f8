package io.lvsdirector.netlink;

/**
 * A dump kept coming back with NLM_F_DUMP_INTR: the kernel's table changed while it was being dumped, so the
 * result may be inconsistent. Raised only after the retries in {@link NetlinkSocket#dump} are used up.
 */
public class DumpInterruptedException extends NetlinkException {

    public DumpInterruptedException(String operation, int attempts) {
        super(operation + ": dump interrupted by concurrent changes " + attempts + " times in a row", Errno.EINTR);
    }
}
