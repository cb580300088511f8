package io.lvsdirector.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ThreadPriorityTest {

    @Test
    void aThreadThatDoesNotExistIsReportedWithItsErrno() {
        int noSuchThread = 0x3fff_ffff;   // above the kernel's largest possible pid_max (2^22)
        ErrnoException e = assertThrows(ErrnoException.class, () -> ThreadPriority.setNice(noSuchThread, 19));
        assertEquals(Errno.ESRCH, e.errno());
    }
}
