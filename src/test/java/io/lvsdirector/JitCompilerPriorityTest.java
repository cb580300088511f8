package io.lvsdirector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class JitCompilerPriorityTest {

    @Test
    void hotSpotsOptimisingCompilerThreadsCarryTheNameLookedFor() throws Exception {
        // The surefire JVM runs with tiered compilation, so C2 threads exist; a renamed thread would go unnoticed.
        List<String> names = JitCompilerPriority.threadIds().stream().map(JitCompilerPriority::threadName).toList();
        assertTrue(names.stream().anyMatch(n -> n != null && n.startsWith(JitCompilerPriority.C2_THREAD_NAME)),
                "no thread named " + JitCompilerPriority.C2_THREAD_NAME + "* among " + names);
    }

    @Test
    void onlyTheThreadsWithTheNameGetTheNiceValue() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        Thread target = parked("nice-target-1", stop);
        Thread bystander = parked("nice-bystander", stop);
        try {
            int before = nice(tidOf("nice-bystander"));

            List<Integer> changed = JitCompilerPriority.renice("nice-target", 17);

            assertEquals(List.of(tidOf("nice-target-1")), changed);
            assertEquals(17, nice(tidOf("nice-target-1")));
            assertEquals(before, nice(tidOf("nice-bystander")));
        } finally {
            stop.countDown();
            target.join();
            bystander.join();
        }
    }

    private static Thread parked(String name, CountDownLatch stop) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.start();
        started.await();
        return t;
    }

    private static int tidOf(String name) throws Exception {
        return JitCompilerPriority.threadIds().stream()
                .filter(tid -> name.equals(JitCompilerPriority.threadName(tid)))
                .findFirst().orElseThrow(() -> new AssertionError("no thread named " + name));
    }

    /** Field 19 of /proc/self/task/TID/stat, counted after the parenthesised name, which may hold spaces. */
    private static int nice(int tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);   // fields[0] is field 3 (state)
    }
}
