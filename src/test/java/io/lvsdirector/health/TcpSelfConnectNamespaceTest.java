package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.netlink.KernelRequirements;
import io.lvsdirector.netlink.NetworkNamespace;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connect check of a port of this host on which nothing listens, where the kernel picks that very port as
 * the local one: the connection meets itself (TCP simultaneous open) and succeeds, and the check must still say
 * DOWN. Made certain in a network namespace of our own whose local port range is that one port.
 */
class TcpSelfConnectNamespaceTest {

    private static final int ONLY_LOCAL_PORT = 40000;

    private static NetworkNamespace ns;

    @BeforeAll
    static void setUp() throws Exception {
        KernelRequirements.requireRootAndNetns();
        ns = NetworkNamespace.createUnique("lvsd-self");
        ns.ip("link", "set", "lo", "up");
        ns.call(() -> Files.writeString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"),
                ONLY_LOCAL_PORT + " " + ONLY_LOCAL_PORT));
    }

    @AfterAll
    static void tearDown() {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void aConnectThatMeetsItselfIsDownAndOtherPortsAreChecked() throws Exception {
        // Made in the namespace: the loop's thread, and so its sockets, live there (and see its port range).
        ConnectLoops loops = ns.call(() -> new ConnectLoops(1));
        TcpConnectChecker checker = ns.call(() -> new TcpConnectChecker(loops));
        try (ServerSocket listening = ns.call(() -> new ServerSocket(8080, 10, InetAddress.getLoopbackAddress()))) {
            CheckResult self = check(checker, ONLY_LOCAL_PORT);
            assertFalse(self.success(), self.toString());
            assertEquals("connect: connected to itself (nothing listens on this port of this host)", self.error());

            // A stream's probe, run again and again, meets itself every time and never reports up.
            Checker.Probe probe = checker.probe(new ProbeTarget(Fixtures.tcp(), "127.0.0.1", ONLY_LOCAL_PORT));
            for (int i = 0; i < 3; i++) {
                CompletableFuture<CheckResult> run = new CompletableFuture<>();
                probe.start(run::complete);
                CheckResult again = run.get(5, TimeUnit.SECONDS);
                assertFalse(again.success(), "run " + i + ": " + again);
            }

            CheckResult up = check(checker, listening.getLocalPort());
            assertTrue(up.success(), "a port outside the local range is checked as before: " + up);
        } finally {
            loops.close();
        }
    }

    private static CheckResult check(TcpConnectChecker checker, int port) throws Exception {
        return checker.check(new ProbeTarget(Fixtures.tcp(), "127.0.0.1", port)).toCompletionStage()
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
