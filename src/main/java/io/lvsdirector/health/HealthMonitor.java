package io.lvsdirector.health;

import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.ObjectKey;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Keeps one probe stream per distinct {@link ProbeTarget} and maps real servers (subscribers, by
 * their {@link ObjectKey}) onto them: equal checks of equal endpoints run once whatever number of
 * virtual services use them. The configuration is handed over whole with {@link #update}; streams
 * nobody needs any more are stopped. Transitions are logged and passed to the listeners.
 *
 * <p>For the reconciler: after {@link #update}, read {@link #status} of each real server to plan its
 * virtual service ({@link WeightPolicy}); from then on a {@link HealthListener} says which real
 * servers to re-plan. A server joining a stream that already runs gets its state without an event.
 */
public final class HealthMonitor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HealthMonitor.class);

    private final Vertx vertx;
    private final Checker checker;
    private final Clock clock;
    private final EventLoops eventLoops;
    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ProbeObserver> observers = new CopyOnWriteArrayList<>();
    private final Map<ProbeTarget, ProbeStream> streams = new HashMap<>();
    private final Map<ObjectKey, ProbeStream> bySubscriber = new HashMap<>();

    public HealthMonitor(Vertx vertx, Checker checker) {
        this(vertx, checker, Clock.systemUTC());
    }

    public HealthMonitor(Vertx vertx, Checker checker, Clock clock) {
        this.vertx = vertx;
        this.checker = checker;
        this.clock = clock;
        this.eventLoops = new EventLoops(vertx, 2 * Runtime.getRuntime().availableProcessors());
    }

    public void addListener(HealthListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HealthListener listener) {
        listeners.remove(listener);
    }

    public void addObserver(ProbeObserver observer) {
        observers.add(observer);
    }

    /**
     * Makes the subscriptions equal to {@code wanted} (real server → its target; servers without a
     * check are simply absent). Unchanged subscriptions keep their stream and state; a server whose
     * check changed against the same endpoint carries its current state over to the new stream.
     */
    public synchronized void update(Map<ObjectKey, ProbeTarget> wanted) {
        for (ObjectKey key : List.copyOf(bySubscriber.keySet())) {
            if (!wanted.containsKey(key)) {
                detach(key);
            }
        }
        wanted.forEach(this::subscribe); // moves keep their state: see subscribe
    }

    /** Adds or moves one subscription. */
    public synchronized void subscribe(ObjectKey subscriber, ProbeTarget target) {
        ProbeStream current = bySubscriber.get(subscriber);
        if (current != null && current.target().equals(target)) {
            return;
        }
        HealthState carried = current == null || !sameEndpoint(current.target(), target) ? null
                : current.status().state();
        if (current != null) {
            detach(subscriber);
        }
        ProbeStream stream = streams.get(target);
        if (stream == null) {
            HealthState initial = carried != null ? carried : target.check().initialState();
            ProbeLoop loop = checker.loopFor(target);
            if (loop == null) {
                loop = new VertxProbeLoop(vertx, eventLoops.next());
            }
            stream = new ProbeStream(target, initial, loop, checker, clock, this::probed, this::changed);
            streams.put(target, stream);
            stream.start();
        }
        stream.addSubscriber(subscriber);
        bySubscriber.put(subscriber, stream);
    }

    public synchronized void unsubscribe(ObjectKey subscriber) {
        detach(subscriber);
    }

    /** The health of one real server; {@link HealthStatus#UNKNOWN} when nothing checks it. */
    public HealthStatus status(ObjectKey subscriber) {
        ProbeStream stream;
        synchronized (this) {
            stream = bySubscriber.get(subscriber);
        }
        return stream == null ? HealthStatus.UNKNOWN : stream.status();
    }

    /** The real servers being checked. */
    public synchronized Set<ObjectKey> subscribers() {
        return Set.copyOf(bySubscriber.keySet());
    }

    /** Number of distinct probe streams running (the dedup at work). */
    public synchronized int streamCount() {
        return streams.size();
    }

    @Override
    public synchronized void close() {
        streams.values().forEach(ProbeStream::stop);
        streams.clear();
        bySubscriber.clear();
        eventLoops.close();
    }

    private void detach(ObjectKey subscriber) {
        ProbeStream stream = bySubscriber.remove(subscriber);
        if (stream != null && stream.removeSubscriber(subscriber)) {
            stream.stop();
            streams.remove(stream.target());
        }
    }

    private void probed(ProbeTarget target, CheckResult result) {
        for (ProbeObserver observer : observers) {
            try {
                observer.probed(target, result);
            } catch (RuntimeException e) {
                LOG.errorf(e, "probe observer failed on %s", target.describe());
            }
        }
    }

    private void changed(HealthChange change) {
        HealthStatus now = change.current();
        if (change.previous().state() != now.state()) {
            LOG.infof("health %s -> %s: %s%s; real servers %s", change.previous().state(), now.state(),
                    change.target().describe(), now.state() == HealthState.DOWN ? " (" + now.lastError() + ")" : "",
                    change.subscribers());
        } else {
            LOG.infof("health weight %s -> %s: %s; real servers %s", change.previous().dynamicWeight(),
                    now.dynamicWeight(), change.target().describe(), change.subscribers());
        }
        for (HealthListener listener : listeners) {
            try {
                listener.healthChanged(change);
            } catch (RuntimeException e) {
                LOG.errorf(e, "health listener failed on %s", change.target().describe());
            }
        }
    }

    private static boolean sameEndpoint(ProbeTarget a, ProbeTarget b) {
        return a.address().equals(b.address()) && a.port() == b.port();
    }
}
