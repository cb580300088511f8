package io.lvsdirector.health;

import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.ObjectKey;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The recurring probe of one {@link ProbeTarget}, shared by all the real servers that resolve to it.
 * At most one probe is in flight: the next one is timed from the start of the previous one, plus a
 * little jitter so that targets added together drift apart, and starts at once if a probe overran.
 */
final class ProbeStream {

    /** Jitter of each interval, as a fraction of it (either way). */
    static final double JITTER = 0.05;

    private final ProbeTarget target;
    private final ProbeLoop loop;
    private final Checker.Probe probe;
    private final Consumer<CheckResult> onProbed = this::probed;
    private final Runnable probeNow = this::probe;
    private final Clock clock;
    private final BiConsumer<ProbeTarget, CheckResult> onResult;
    private final Consumer<HealthChange> onChange;
    private final RiseFallTracker tracker;
    private final Set<ObjectKey> subscribers = new LinkedHashSet<>();
    private HealthStatus status;
    private boolean stopped;
    private ProbeLoop.Timer timer;
    /** When the probe in flight started (loop thread only). */
    private long probeStart;

    ProbeStream(ProbeTarget target, HealthState initialState, ProbeLoop loop, Checker checker,
            Clock clock, BiConsumer<ProbeTarget, CheckResult> onResult, Consumer<HealthChange> onChange) {
        this.target = target;
        this.loop = loop;
        this.probe = checker.probe(target);
        this.clock = clock;
        this.onResult = onResult;
        this.onChange = onChange;
        this.tracker = new RiseFallTracker(target.check().rise(), target.check().fall(), initialState);
        this.status = new HealthStatus(initialState, null, null, null, 0, 0, null);
    }

    /**
     * Starts probing at a random point of the first interval (spreads a batch of new targets), on the
     * stream's loop: its timers, the probes and their results then stay on that thread.
     */
    void start() {
        long interval = target.check().intervalMs();
        long firstDelay = 1 + ThreadLocalRandom.current().nextLong(interval);
        loop.execute(() -> {
            synchronized (this) {
                schedule(firstDelay);
            }
        });
    }

    synchronized void stop() {
        stopped = true;
        if (timer != null) {
            timer.cancel();
        }
    }

    synchronized HealthStatus status() {
        return status;
    }

    synchronized boolean addSubscriber(ObjectKey key) {
        return subscribers.add(key);
    }

    /** Returns true when nobody is left. */
    synchronized boolean removeSubscriber(ObjectKey key) {
        subscribers.remove(key);
        return subscribers.isEmpty();
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    ProbeTarget target() {
        return target;
    }

    private void schedule(long delayMs) {
        if (!stopped) {
            timer = loop.setTimer(delayMs, probeNow);
        }
    }

    private void probe() {
        probeStart = System.nanoTime();
        probe.start(onProbed);
    }

    private void probed(CheckResult result) {
        // Exec checks complete on a pool thread: come back, so listeners and timers stay on the loop.
        if (loop.inLoop()) {
            handle(result);
        } else if (!isStopped()) {
            loop.execute(() -> handle(result));
        }
    }

    private void handle(CheckResult result) {
        onResult.accept(target, result);
        HealthChange change = record(result);
        if (change != null) {
            onChange.accept(change);
        }
        long elapsedMs = (System.nanoTime() - probeStart) / 1_000_000;
        synchronized (this) {
            schedule(nextDelay(target.check().intervalMs()) - elapsedMs);
        }
    }

    private synchronized HealthChange record(CheckResult result) {
        if (stopped) {
            return null;
        }
        HealthStatus previous = status;
        tracker.record(result.success());
        Integer weight = tracker.state() == HealthState.UP && result.success() ? result.dynamicWeight()
                : tracker.state() == HealthState.UP ? previous.dynamicWeight() : null;
        status = new HealthStatus(tracker.state(), clock.instant(), result.latencyMs(),
                result.success() ? previous.lastError() : result.error(), tracker.consecutiveSuccesses(),
                tracker.consecutiveFailures(), weight);
        boolean transition = previous.state() != status.state()
                || !Objects.equals(previous.dynamicWeight(), status.dynamicWeight());
        return transition ? new HealthChange(target, previous, status, subscribers) : null;
    }

    private static long nextDelay(long intervalMs) {
        double jitter = (ThreadLocalRandom.current().nextDouble() * 2 - 1) * JITTER;
        return Math.round(intervalMs * (1 + jitter));
    }
}
