package io.lvsdirector.vrrp;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.netlink.ErrnoException;
import io.lvsdirector.netlink.Errno;
import io.lvsdirector.netlink.LinkEvent;
import io.lvsdirector.netlink.PollLibC;
import io.lvsdirector.netlink.RawSocket;
import io.lvsdirector.netlink.WakeUpEventFd;
import io.lvsdirector.vrrp.VrrpAction.AddVips;
import io.lvsdirector.vrrp.VrrpAction.RemoveVips;
import io.lvsdirector.vrrp.VrrpAction.SendAdvert;
import io.lvsdirector.vrrp.VrrpAction.SendGratuitous;
import io.lvsdirector.vrrp.VrrpAction.StateChanged;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The VRRP event loop: one thread for all instances. It sleeps in poll(2) on the instances' receive sockets
 * and a wake-up eventfd until the earliest timer of any state machine, feeds packets, timers and link events
 * to the machines ({@link VrrpStateMachine} and {@link SyncGroup} stay pure), and carries out the actions they
 * return. Everything kernel-facing is opened on the loop thread, so it lives in that thread's namespace.
 *
 * <p>Other threads talk to it only through {@link #apply} (new desired state), {@link #stop}, and the
 * published snapshots ({@link #status}, {@link #events}, {@link #isAlive}).
 */
public final class VrrpWorker {

    private static final Logger LOG = Logger.getLogger(VrrpWorker.class);
    /** Longest sleep; packets, link events and wake-ups end it earlier. Bounds the retry of unresolved instances. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How often an instance without interface or address retries on its own (link events retry at once). */
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int MAX_DATAGRAMS_PER_WAKE = 64;
    /** A failing action (say, every advert while a link is down) is logged at WARN once per this interval. */
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Clock clock;
    private final ThreadFactory threadFactory;
    private final TransitionNotifier notifier = new TransitionNotifier();
    private final AtomicReference<DesiredState> pending = new AtomicReference<>();
    private final Map<String, VrrpInstanceStatus> statuses = new ConcurrentHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final WakeUpEventFd wakeFd = new WakeUpEventFd();

    private volatile boolean stopRequested;
    private volatile boolean graceful;
    private volatile boolean started;
    private volatile Thread loopThread;
    private volatile Throwable failure;

    // Loop thread only.
    private final Map<String, InstanceRuntime> runtimes = new LinkedHashMap<>();
    private final Map<String, SyncGroup> groups = new LinkedHashMap<>();
    private final Map<String, String> reportedProblems = new LinkedHashMap<>();
    private HostNetwork host;
    private long nextRetry;

    public VrrpWorker(Clock clock, ThreadFactory threadFactory) {
        this.clock = clock;
        this.threadFactory = threadFactory;
    }

    /** A worker on a plain daemon thread named "vrrp-worker" in the process's namespace. */
    public static VrrpWorker create() {
        return new VrrpWorker(Clock.system(), r -> {
            Thread t = new Thread(r, "vrrp-worker");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- control, from any thread ---------------------------------------------------------------

    /** Starts the loop with {@code initial} as the desired state. */
    public synchronized void start(DesiredState initial) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        if (wakeFd.isClosed()) {
            throw new IllegalStateException("stopped");
        }
        started = true;
        pending.set(initial);
        threadFactory.newThread(this::run).start();
    }

    /** Hands a new desired state to the loop; instances are added, replaced or removed without a restart. */
    public void apply(DesiredState state) {
        pending.set(state);
        wakeFd.signal();
    }

    /**
     * Ends the loop. Graceful: every MASTER sends priority 0 and removes its VIPs. Not graceful: the sockets
     * close silently and VIPs stay, as after a crash (for tests and benchmarks of failure detection).
     * Returns whether the loop ended within {@code timeout}.
     */
    public boolean stop(boolean graceful, Duration timeout) throws InterruptedException {
        synchronized (this) { // not while start() is starting the loop
            if (!started) {
                wakeFd.close();
                return true;
            }
        }
        this.graceful = graceful;
        stopRequested = true;
        wakeFd.signal();
        boolean done = finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        notifier.close();
        if (done) { // the loop no longer polls it
            wakeFd.close();
        }
        return done;
    }

    public void addListener(Consumer<VrrpEvent> listener) {
        notifier.addListener(listener);
    }

    // ---- observation, from any thread ----------------------------------------------------------

    /** True while the loop thread runs; false before start, after stop, and after a crash of the loop. */
    public boolean isAlive() {
        Thread t = loopThread;
        return t != null && t.isAlive() && failure == null && !stopRequested && finished.getCount() > 0;
    }

    /** What ended the loop unexpectedly, if anything. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public Optional<VrrpInstanceStatus> status(String instance) {
        return Optional.ofNullable(statuses.get(instance));
    }

    public Map<String, VrrpInstanceStatus> statuses() {
        return Map.copyOf(statuses);
    }

    /** Recent transitions of all instances, oldest first. */
    public List<VrrpEvent> events() {
        return notifier.events();
    }

    public List<VrrpEvent> events(String instance) {
        return notifier.events(instance);
    }

    // ---- the loop --------------------------------------------------------------------------------

    private void run() {
        loopThread = Thread.currentThread();
        try (HostNetwork opened = HostNetwork.open()) {
            host = opened;
            while (!stopRequested) {
                DesiredState next = pending.getAndSet(null);
                if (next != null) {
                    reconcile(next);
                } else if (clock.nanoTime() - nextRetry >= 0) {
                    retryUnresolved(null);
                }
                if (waitAndReceive()) {
                    pollLinks();
                }
                fireTimers();
                publish();
            }
            if (graceful) {
                for (InstanceRuntime rt : runtimes.values()) {
                    shutdown(rt);
                }
            }
        } catch (Throwable t) {
            failure = t;
            LOG.error("VRRP worker died; instances are no longer served", t);
        } finally {
            runtimes.values().forEach(InstanceRuntime::close);
            publish();
            runtimes.clear();
            finished.countDown();
        }
    }

    /** Sleeps in poll(2) and drains whatever arrived; returns whether link events are waiting. */
    private boolean waitAndReceive() {
        List<InstanceRuntime> listening = new ArrayList<>();
        for (InstanceRuntime rt : runtimes.values()) {
            if (rt.resolved() && rt.machine() != null) {
                listening.add(rt);
            }
        }
        int[] fds = new int[listening.size() + 2];
        fds[0] = wakeFd.fd();
        fds[1] = host.linkEvents().fd();
        for (int i = 0; i < listening.size(); i++) {
            fds[i + 2] = listening.get(i).transport().receiveFd();
        }
        short[] revents = PollLibC.pollIn(fds, sleepMillis());
        if (revents[0] != 0) {
            wakeFd.drain();
        }
        for (int i = 0; i < listening.size(); i++) {
            if (revents[i + 2] != 0) {
                drain(listening.get(i));
            }
        }
        return revents[1] != 0;
    }

    private int sleepMillis() {
        long now = clock.nanoTime();
        long sleep = Math.min(MAX_SLEEP_NANOS, nextRetry - now);
        for (InstanceRuntime rt : runtimes.values()) {
            if (rt.machine() != null) {
                OptionalLong deadline = rt.machine().nextDeadline();
                if (deadline.isPresent()) {
                    sleep = Math.min(sleep, deadline.getAsLong() - now);
                }
            }
        }
        // Round up: waking a little late is harmless, waking early spins.
        return sleep <= 0 ? 0 : (int) ((sleep + 999_999) / 1_000_000);
    }

    private void drain(InstanceRuntime rt) {
        for (int i = 0; i < MAX_DATAGRAMS_PER_WAKE; i++) {
            RawSocket.Datagram d;
            try {
                d = rt.transport().receive();
            } catch (ErrnoException e) {
                LOG.warnf("%s: receive failed: %s", rt.name(), e.getMessage());
                return;
            }
            if (d == null) {
                return;
            }
            if (forSibling(rt, d)) {
                continue;
            }
            Advert advert = rt.accept(d);
            if (advert != null) {
                dispatch(rt, m -> m.onAdvert(advert));
            }
        }
    }

    /** Every instance's socket sees every VRRP packet on its link; one meant for a sibling is not a drop. */
    private boolean forSibling(InstanceRuntime rt, RawSocket.Datagram d) {
        if (d.payload().length < 2) {
            return false;
        }
        int vrid = d.payload()[1] & 0xff;
        if (vrid == rt.spec().instance().virtualRouterId()) {
            return false;
        }
        for (InstanceRuntime other : runtimes.values()) {
            if (other != rt && other.resolved() && other.spec().ipv6() == rt.spec().ipv6()
                    && other.spec().instance().virtualRouterId() == vrid
                    && other.spec().instance().interfaceName().equals(rt.spec().instance().interfaceName())) {
                return true;
            }
        }
        return false;
    }

    private void fireTimers() {
        long now = clock.nanoTime();
        for (InstanceRuntime rt : new ArrayList<>(runtimes.values())) {
            if (rt.machine() != null) {
                OptionalLong deadline = rt.machine().nextDeadline();
                if (deadline.isPresent() && now - deadline.getAsLong() >= 0) {
                    dispatch(rt, VrrpStateMachine::onTimersDue);
                }
            }
        }
    }

    private void pollLinks() {
        List<LinkEvent> linkEvents;
        try {
            linkEvents = host.linkEvents().drain();
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOBUFS) {
                throw e;
            }
            LOG.warn("link notifications were lost; re-reading the links");
            resyncLinks();
            return;
        }
        Set<String> appeared = new HashSet<>();
        for (LinkEvent event : linkEvents) {
            String name = event.link().name();
            boolean up = !event.removed() && InstanceRuntime.usable(event.link());
            for (InstanceRuntime rt : new ArrayList<>(runtimes.values())) {
                boolean own = rt.spec().instance().interfaceName().equals(name);
                if (own && (!rt.resolved() || event.removed())) {
                    appeared.add(name); // rebuild: new index, maybe an address now
                } else if (rt.machine() != null && rt.spec().watchedInterfaces().contains(name)) {
                    dispatch(rt, up ? m -> m.trackedLinkUp(name) : m -> m.trackedLinkDown(name));
                }
            }
        }
        if (!appeared.isEmpty()) {
            retryUnresolved(appeared);
        }
    }

    private void resyncLinks() {
        for (InstanceRuntime rt : new ArrayList<>(runtimes.values())) {
            if (rt.machine() == null || !rt.resolved()) {
                continue;
            }
            for (String name : rt.spec().watchedInterfaces()) {
                boolean up = host.links().find(name).map(InstanceRuntime::usable).orElse(false);
                dispatch(rt, up ? m -> m.trackedLinkUp(name) : m -> m.trackedLinkDown(name));
            }
        }
    }

    // ---- configuration -------------------------------------------------------------------------

    private void reconcile(DesiredState desired) {
        Map<String, InstanceSpec> specs = InstanceSpec.of(desired);
        for (String name : new ArrayList<>(runtimes.keySet())) {
            InstanceRuntime rt = runtimes.get(name);
            if (!rt.spec().equals(specs.get(name))) {
                LOG.infof("VRRP instance %s %s", name, specs.containsKey(name) ? "changed" : "removed");
                remove(name);
            }
        }
        List<InstanceRuntime> created = new ArrayList<>();
        for (InstanceSpec spec : specs.values()) {
            if (!runtimes.containsKey(spec.name())) {
                created.add(add(spec));
            }
        }
        rebuildGroups();
        created.forEach(rt -> dispatch(rt, VrrpStateMachine::start));
        nextRetry = clock.nanoTime() + RETRY_NANOS;
    }

    /**
     * Rebuilds instances whose host facts are missing or out of date: all such instances (periodically), or
     * those on {@code interfaces} (after link events).
     */
    private void retryUnresolved(Set<String> interfaces) {
        nextRetry = clock.nanoTime() + RETRY_NANOS;
        List<InstanceSpec> retry = new ArrayList<>();
        for (InstanceRuntime rt : runtimes.values()) {
            boolean candidate = interfaces == null ? rt.machine() != null && (!rt.resolved() || stale(rt))
                    : interfaces.contains(rt.spec().instance().interfaceName());
            if (candidate) {
                retry.add(rt.spec());
            }
        }
        if (retry.isEmpty()) {
            return;
        }
        List<InstanceRuntime> created = new ArrayList<>();
        for (InstanceSpec spec : retry) {
            remove(spec.name());
            created.add(add(spec));
        }
        rebuildGroups();
        created.forEach(rt -> dispatch(rt, VrrpStateMachine::start));
    }

    /** The interface was re-created or its primary address changed or went away: the sockets are wrong now. */
    private boolean stale(InstanceRuntime rt) {
        try {
            ResolvedInterface now = ResolvedInterface.resolve(host.links(), host.addresses(),
                    rt.spec().instance().interfaceName(), rt.spec().ipv6(), allVips());
            return !now.equals(rt.transport().itf());
        } catch (ResolvedInterface.Unavailable e) {
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("%s: cannot re-check the interface: %s", rt.name(), e.getMessage());
            return false;
        }
    }

    private InstanceRuntime add(InstanceSpec spec) {
        List<InetAddress> vips = allVips();
        spec.vips().forEach(v -> vips.add(v.address()));
        InstanceRuntime rt;
        try {
            rt = InstanceRuntime.create(spec, host, clock, vips);
        } catch (RuntimeException e) { // e.g. an rtnetlink failure: keep the loop, show the instance as broken
            rt = InstanceRuntime.broken(spec, e.toString());
        }
        String problem = rt.problem().orElse(null);
        if (problem != null && !problem.equals(reportedProblems.get(spec.name()))) {
            LOG.warnf("VRRP instance %s cannot run: %s", spec.name(), problem); // once, not at every retry
        }
        if (problem == null) {
            reportedProblems.remove(spec.name());
        } else {
            reportedProblems.put(spec.name(), problem);
        }
        runtimes.put(spec.name(), rt);
        return rt;
    }

    private void remove(String name) {
        InstanceRuntime rt = runtimes.remove(name);
        if (rt != null) {
            shutdown(rt);
            rt.close();
            statuses.remove(name);
        }
        rebuildGroups();
    }

    private void shutdown(InstanceRuntime rt) {
        if (rt.machine() != null) {
            execute(rt, rt.machine().shutdown());
        }
    }

    /** VIPs of every instance: never mistaken for an interface's primary address. */
    private List<InetAddress> allVips() {
        List<InetAddress> out = new ArrayList<>();
        for (InstanceRuntime rt : runtimes.values()) {
            rt.spec().vips().forEach(v -> out.add(v.address()));
        }
        return out;
    }

    private void rebuildGroups() {
        Map<String, Map<String, VrrpStateMachine>> members = new LinkedHashMap<>();
        for (InstanceRuntime rt : runtimes.values()) {
            String group = rt.spec().instance().syncGroup();
            if (group != null && rt.machine() != null) {
                members.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(rt.name(), rt.machine());
            }
        }
        groups.clear();
        members.forEach((name, machines) -> groups.put(name, new SyncGroup(name, machines)));
    }

    // ---- events and actions ----------------------------------------------------------------------

    private void dispatch(InstanceRuntime rt, Function<VrrpStateMachine, List<VrrpAction>> event) {
        if (rt.machine() == null) {
            return;
        }
        String groupName = rt.spec().instance().syncGroup();
        SyncGroup group = groupName == null ? null : groups.get(groupName);
        if (group == null) {
            execute(rt, event.apply(rt.machine()));
            return;
        }
        group.dispatch(rt.name(), event).forEach((member, actions) -> {
            InstanceRuntime target = runtimes.get(member);
            if (target != null) {
                execute(target, actions);
            }
        });
    }

    /** Carries out actions in order; a failing action is logged and the rest still run. */
    private void execute(InstanceRuntime rt, List<VrrpAction> actions) {
        for (VrrpAction action : actions) {
            try {
                if (action instanceof SendAdvert a) {
                    rt.sendAdvert(a.priority());
                } else if (action instanceof AddVips a) {
                    host.vipManager().add(rt.bindings(a.vips()));
                } else if (action instanceof RemoveVips a) {
                    host.vipManager().remove(rt.bindings(a.vips()));
                } else if (action instanceof SendGratuitous a) {
                    host.announcer().announce(rt.bindings(a.vips()), a.repeat());
                } else if (action instanceof StateChanged a) {
                    notifyTransition(rt, a);
                }
            } catch (RuntimeException e) {
                long now = clock.nanoTime();
                if (rt.warningDue(now, WARNING_INTERVAL_NANOS)) {
                    LOG.warnf("%s: %s failed: %s", rt.name(), action, e.getMessage());
                } else {
                    LOG.debugf("%s: %s failed: %s", rt.name(), action, e.getMessage());
                }
                if (action instanceof SendAdvert) {
                    nextRetry = now; // maybe the address or interface changed under us: re-check at once
                }
            }
        }
    }

    private void notifyTransition(InstanceRuntime rt, StateChanged change) {
        Instant now = Instant.now();
        rt.transitioned(now);
        VrrpEvent event = new VrrpEvent(now, rt.name(), rt.spec().instance().interfaceName(), change.from(),
                change.to(), change.reason(),
                rt.machine().currentMaster().map(InetAddress::getHostAddress).orElse(null), rt.problem().orElse(null));
        statuses.put(rt.name(), rt.status()); // before listeners, which may read it
        notifier.publish(event, rt.spec().instance().notifyWebhook());
    }

    private void publish() {
        for (InstanceRuntime rt : runtimes.values()) {
            statuses.put(rt.name(), rt.status());
        }
    }
}
