package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.model.HttpCheckSpec;
import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.ObjectKey;
import io.vertx.core.net.NetServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler end to end: real probes against real loopback servers, on the real clock. */
class HealthMonitorLoopbackTest extends LoopbackTest {

    private static final ObjectKey WEB_1 = ObjectKey.realServer("web", "web-1");
    private static final ObjectKey API_1 = ObjectKey.realServer("api", "api-1");

    private HealthMonitor monitor;
    private final List<HealthChange> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startMonitor() {
        monitor = new HealthMonitor(vertx, runner);
        monitor.addListener(changes::add);
    }

    @AfterEach
    void stopMonitor() {
        monitor.close();
    }

    /** A TCP listener (its application never sees a connect check: SYN, SYN-ACK, RST). */
    private NetServer tcpServer(int port) throws Exception {
        return await(vertx.createNetServer().connectHandler(s -> s.close()).listen(port, "127.0.0.1"));
    }

    private List<HealthState> transitions() {
        return changes.stream().map(c -> c.current().state()).toList();
    }

    @Test
    void aStoppedBackendGoesDownAfterFallChecksAndComesBackAfterRise() throws Exception {
        NetServer server = tcpServer(0);
        int port = server.actualPort();
        ProbeTarget target = new ProbeTarget(Fixtures.tcp().withTiming(50, 300, 2, 3), "127.0.0.1", port);
        monitor.subscribe(WEB_1, target);
        Await.until("a few successful checks", () -> monitor.status(WEB_1).consecutiveSuccesses() >= 3);
        assertEquals(HealthState.UP, monitor.status(WEB_1).state());
        assertTrue(changes.isEmpty(), "successes of an UP server are no transitions");
        assertNotNull(monitor.status(WEB_1).lastCheck());
        assertNotNull(monitor.status(WEB_1).latencyMs());

        await(server.close());
        Await.until("DOWN reported", () -> !changes.isEmpty()); // listeners hear of it after status() shows it
        HealthStatus down = changes.get(0).current();
        assertEquals(3, down.consecutiveFailures(), "fall = 3 failures, and the transition is at the third");
        assertTrue(down.lastError().contains("refused"), down.lastError());
        assertEquals(HealthState.DOWN, monitor.status(WEB_1).state());
        assertEquals(List.of(HealthState.DOWN), transitions());
        assertEquals(Set.of(WEB_1), changes.get(0).subscribers());
        assertEquals(target, changes.get(0).target());

        tcpServer(port);
        Await.until("UP reported", () -> changes.size() >= 2);
        assertEquals(HealthState.UP, changes.get(1).current().state());
        assertEquals(2, changes.get(1).current().consecutiveSuccesses(), "rise = 2");
        assertEquals(List.of(HealthState.DOWN, HealthState.UP), transitions());
    }

    @Test
    void aTcpStreamLivesOnTheConnectLoopSoAProbeNeedsNoOtherThread() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        monitor.addListener(change -> threads.add(Thread.currentThread().getName()));
        monitor.addObserver((target, result) -> threads.add(Thread.currentThread().getName()));
        // Nothing listens on port 1 of loopback: refused at once, a transition after fall = 1.
        monitor.subscribe(WEB_1, new ProbeTarget(Fixtures.tcp().withTiming(50, 300, 1, 1), "127.0.0.1", 1));
        Await.until("DOWN reported", () -> !changes.isEmpty());
        assertTrue(!threads.isEmpty() && threads.stream().allMatch(t -> t.startsWith("health-connect-")), threads.toString());
    }

    @Test
    void aStreamMakesItsProbeOnceAndRunsItAgainAndAgain() throws Exception {
        AtomicInteger made = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Checker counting = new Checker() {
            @Override
            public io.vertx.core.Future<CheckResult> check(ProbeTarget target) {
                throw new AssertionError("a stream runs its probe, not one-off checks");
            }

            @Override
            public ProbeLoop loopFor(ProbeTarget target) {
                return runner.loopFor(target);
            }

            @Override
            public Probe probe(ProbeTarget target) {
                made.incrementAndGet();
                Probe probe = runner.probe(target);
                return done -> {
                    runs.incrementAndGet();
                    probe.start(done);
                };
            }
        };
        NetServer server = tcpServer(0);
        HealthMonitor own = new HealthMonitor(vertx, counting);
        try {
            own.subscribe(WEB_1, new ProbeTarget(Fixtures.tcp().withTiming(20, 300, 1, 1), "127.0.0.1",
                    server.actualPort()));
            // Successes are the server's SYN-ACKs: nothing else would answer a connect to its port.
            Await.until("five successful checks in a row", () -> own.status(WEB_1).consecutiveSuccesses() >= 5);
            assertEquals(1, made.get());
            assertTrue(runs.get() >= 5, runs + " runs");
        } finally {
            own.close();
            await(server.close());
        }
    }

    @Test
    void aFailedCheckFutureIsADownResultWithItsCause() throws Exception {
        Checker failing = target -> io.vertx.core.Future.failedFuture(new IllegalStateException("no route"));
        HealthMonitor own = new HealthMonitor(vertx, failing);
        try {
            own.subscribe(WEB_1, new ProbeTarget(Fixtures.tcp().withTiming(20, 300, 1, 1), "127.0.0.1", 1));
            Await.until("DOWN", () -> own.status(WEB_1).state() == HealthState.DOWN);
            assertTrue(own.status(WEB_1).lastError().contains("no route"), own.status(WEB_1).lastError());
        } finally {
            own.close();
        }
    }

    @Test
    void flappingObeysRiseAndFall() throws Exception {
        // Request n gets script[n]; the last entry repeats. fall = 3, rise = 2, initially UP.
        int[] script = {200, 503, 503, 200, 503, 503, 200, 503, 503, 503, 200, 503, 200, 503, 200, 200, 200};
        AtomicInteger served = new AtomicInteger();
        int port = await(vertx.createHttpServer().requestHandler(r -> {
            int n = served.getAndIncrement();
            r.response().setStatusCode(script[Math.min(n, script.length - 1)]).end();
        }).listen(0, "127.0.0.1")).actualPort();
        List<Integer> servedAtTransition = new CopyOnWriteArrayList<>();
        monitor.addListener(c -> servedAtTransition.add(served.get()));
        HealthCheck check = Fixtures.http(CheckType.HTTP, Fixtures.httpSpec("/", null, null, null, null, null, null))
                .withTiming(50, 1000, 2, 3);
        monitor.subscribe(WEB_1, new ProbeTarget(check, "127.0.0.1", port));

        Await.until("the whole script served", () -> served.get() >= script.length + 2, () -> transitions().toString());
        assertEquals(List.of(HealthState.DOWN, HealthState.UP), transitions());
        // One probe in flight at a time, so the count at a transition names the request that caused it.
        assertEquals(List.of(10, 16), servedAtTransition, "DOWN at the third 503 in a row, UP at the second 200");
        assertEquals("status 503, expected [200]", changes.get(0).current().lastError());
    }

    @Test
    void theSameCheckOnTheSameTargetRunsOnceForAllItsSubscribers() throws Exception {
        // HTTP checks, so that the server sees every probe (a TCP connect check never reaches its application).
        List<Long> acceptedAt = new CopyOnWriteArrayList<>();
        int port = await(vertx.createHttpServer().requestHandler(r -> {
            acceptedAt.add(System.nanoTime());
            r.response().end();
        }).listen(0, "127.0.0.1")).actualPort();
        int interval = 200;
        HttpCheckSpec spec = Fixtures.httpSpec("/", null, null, null, null, null, null);
        HealthCheck check = Fixtures.http(CheckType.HTTP, spec).withTiming(interval, 1000, 1, 1);
        // Two virtual services whose real servers resolve to equal targets (one via a port override).
        monitor.update(Map.of(
                WEB_1, new ProbeTarget(check, "127.0.0.1", port),
                API_1, new ProbeTarget(Fixtures.http(CheckType.HTTP, spec).withTiming(interval, 1000, 1, 1),
                        "127.0.0.1", port)));
        assertEquals(1, monitor.streamCount());

        int probes = 11;
        Await.until(probes + " probes", () -> acceptedAt.size() >= probes);
        // Two streams of period T would put two probes in each T: a mean gap of about T/2. Timers never
        // fire early, so one stream keeps the mean gap at T less the jitter (and a little accept-time noise).
        List<Long> gapsMs = new ArrayList<>();
        for (int i = 1; i < probes; i++) {
            gapsMs.add((acceptedAt.get(i) - acceptedAt.get(i - 1)) / 1_000_000);
        }
        double meanGap = (acceptedAt.get(probes - 1) - acceptedAt.get(0)) / 1e6 / (probes - 1);
        assertTrue(meanGap >= 0.8 * interval, "mean gap " + meanGap + " ms, gaps " + gapsMs);
        assertEquals(monitor.status(WEB_1), monitor.status(API_1));

        monitor.update(Map.of(API_1, new ProbeTarget(check, "127.0.0.1", port)));
        assertEquals(1, monitor.streamCount(), "the stream lives on while one subscriber is left");
        assertEquals(HealthStatus.UNKNOWN, monitor.status(WEB_1));

        monitor.update(Map.of());
        assertEquals(0, monitor.streamCount());
        Thread.sleep(2L * interval); // let a probe already in flight land
        int settled = acceptedAt.size();
        Thread.sleep(3L * interval);
        assertEquals(settled, acceptedAt.size(), "no probe after the last subscriber left");
    }

    @Test
    void aTransitionNamesEverySubscriberOfTheStream() throws Exception {
        NetServer server = tcpServer(0);
        ProbeTarget target = new ProbeTarget(Fixtures.tcp().withTiming(50, 300, 1, 1), "127.0.0.1",
                server.actualPort());
        monitor.update(Map.of(WEB_1, target, API_1, target));
        Await.until("a probe", () -> monitor.status(WEB_1).consecutiveSuccesses() >= 1);
        await(server.close());
        Await.until("a transition", () -> !changes.isEmpty());
        assertEquals(Set.of(WEB_1, API_1), changes.get(0).subscribers());
        assertEquals(HealthState.UP, changes.get(0).previous().state());
    }

    @Test
    void aChangedCheckOnTheSameEndpointKeepsTheCurrentState() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        monitor.subscribe(WEB_1, new ProbeTarget(Fixtures.tcp().withTiming(50, 300, 1, 1), "127.0.0.1", deadPort));
        Await.until("DOWN", () -> monitor.status(WEB_1).state() == HealthState.DOWN);
        // Initially UP by default; a new interval must not bring the dead server back up meanwhile.
        monitor.subscribe(WEB_1, new ProbeTarget(Fixtures.tcp().withTiming(60, 300, 1, 1), "127.0.0.1", deadPort));
        assertEquals(HealthState.DOWN, monitor.status(WEB_1).state());
        assertEquals(1, monitor.streamCount());
        assertNull(changes.stream().filter(c -> c.current().state() == HealthState.UP).findAny().orElse(null));
    }
}
