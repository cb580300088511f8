package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.ExecCheckSpec;
import io.lvsdirector.model.HealthCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecCheckerTest extends LoopbackTest {

    private static ProbeTarget exec(boolean dynamic, int timeoutMs, String... command) {
        HealthCheck check = Fixtures.check(CheckType.EXEC, null, null, null,
                new ExecCheckSpec(List.of(command), dynamic)).withTiming(50, timeoutMs, 1, 1);
        return new ProbeTarget(check, "127.0.0.1", 8080);
    }

    @Test
    void exitCodesFollowMiscCheckSemantics() {
        assertTrue(ExecChecker.judge(0, false, 1).success());
        assertNull(ExecChecker.judge(0, true, 1).dynamicWeight(), "exit 0 keeps the configured weight");
        assertEquals("exit code 1", ExecChecker.judge(1, true, 1).error());
        assertEquals("exit code 7", ExecChecker.judge(7, false, 1).error());
        assertEquals(0, ExecChecker.judge(2, true, 1).dynamicWeight());
        assertEquals(253, ExecChecker.judge(255, true, 1).dynamicWeight());
    }

    @Test
    void runsTheCommandWithTheTargetInItsEnvironment() throws Exception {
        assertTrue(probe(exec(false, 5000, "sh", "-c",
                "test \"$LVS_RS_ADDRESS:$LVS_RS_PORT\" = 127.0.0.1:8080")).success());
        assertEquals("exit code 3", probe(exec(false, 5000, "sh", "-c", "exit 3")).error());
        CheckResult dynamic = probe(exec(true, 5000, "sh", "-c", "exit 12"));
        assertTrue(dynamic.success());
        assertEquals(10, dynamic.dynamicWeight());
        assertTrue(probe(exec(false, 5000, "/nonexistent/check")).error().startsWith("cannot start"));
    }

    @Test
    void theBoundedPoolRefusesChecksBeyondItsQueue() throws Exception {
        ExecChecker small = new ExecChecker(1, 1);
        try {
            ProbeTarget hang = exec(false, 2000, "sleep", "30");
            var running = small.check(hang);
            var queued = small.check(hang);
            CheckResult refused = await(small.check(hang));
            assertEquals("exec pool saturated: check not run", refused.error());
            assertEquals("killed after timeout of 2000 ms", await(running).error());
            assertEquals("killed after timeout of 2000 ms", await(queued).error());
        } finally {
            small.close();
        }
    }

    @Test
    void execResultsReachListenersOnTheEventLoop() throws Exception {
        try (HealthMonitor monitor = new HealthMonitor(vertx, runner)) {
            java.util.concurrent.CompletableFuture<Boolean> onLoop = new java.util.concurrent.CompletableFuture<>();
            monitor.addListener(change -> onLoop.complete(io.vertx.core.Context.isOnEventLoopThread()));
            monitor.subscribe(io.lvsdirector.model.ObjectKey.realServer("web", "web-1"),
                    exec(false, 5000, "false"));
            assertTrue(onLoop.get(Await.GENEROUS.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void aHangingCommandIsKilledWithItsChildrenAtTheTimeout(@TempDir Path dir) throws Exception {
        Path pids = dir.resolve("pids");
        // The shell starts a child and waits for it: both must die, not just the shell.
        CheckResult result = probe(exec(false, 500, "sh", "-c",
                "sleep 300 & echo $! > " + pids + "; echo $$ >> " + pids + "; wait"));
        assertFalse(result.success());
        assertEquals("killed after timeout of 500 ms", result.error());
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertEquals(2, started.size(), "the child and the shell wrote their pids");
        for (long pid : started) {
            Await.until("process " + pid + " to be gone",
                    () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false);
        }
    }
}
