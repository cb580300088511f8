package io.lvsdirector.netlink;

/** The CPU priority (nice value) of one thread of this process. */
public final class ThreadPriority {

    /** setpriority(2)'s "which" for a process or, on Linux, one thread given by its thread id. */
    private static final int PRIO_PROCESS = 0;

    private ThreadPriority() {
    }

    /**
     * Sets the nice value of the thread with this id. Raising it (a lower priority) needs no privilege; lowering it
     * needs CAP_SYS_NICE.
     */
    public static void setNice(int threadId, int nice) {
        if (HotCalls.setpriority(PRIO_PROCESS, threadId, nice) < 0) {
            throw new ErrnoException("setpriority(thread " + threadId + ", " + nice + ")", HotCalls.errno());
        }
    }
}
