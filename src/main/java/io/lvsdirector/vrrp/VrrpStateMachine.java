package io.lvsdirector.vrrp;

import io.lvsdirector.vrrp.VrrpAction.AddVips;
import io.lvsdirector.vrrp.VrrpAction.RemoveVips;
import io.lvsdirector.vrrp.VrrpAction.SendAdvert;
import io.lvsdirector.vrrp.VrrpAction.SendGratuitous;
import io.lvsdirector.vrrp.VrrpAction.StateChanged;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * One virtual router's state machine: RFC 3768 §6 / RFC 9568 §6.4 plus FAULT. Pure and single-threaded:
 * each event method reads the injected {@link Clock}, updates state and {@link Timers}, and returns the
 * actions for its driver. The driver sleeps until {@link #nextDeadline()}, then calls
 * {@link #onTimersDue()}; it hands validated adverts to {@link #onAdvert(Advert)}.
 */
public final class VrrpStateMachine {

    private final VrrpConfig config;
    private final Clock clock;
    private final VrrpCounters counters;
    private final Timers timers = new Timers();
    private final Set<String> downLinks = new TreeSet<>();

    private VrrpState state = VrrpState.INITIALIZE;
    private boolean started;
    private boolean groupFault;
    private long startedAt;
    private long masterAdverIntervalNanos;
    private InetAddress currentMaster;
    private Transition lastTransition;

    public VrrpStateMachine(VrrpConfig config, Clock clock, VrrpCounters counters) {
        this.config = config;
        this.clock = clock;
        this.counters = counters;
        this.masterAdverIntervalNanos = config.advertIntervalNanos();
    }

    public VrrpStateMachine(VrrpConfig config, Clock clock) {
        this(config, clock, new VrrpCounters());
    }

    // ---- events ---------------------------------------------------------------------------------

    /** Startup event. Owner (priority 255) becomes MASTER at once, others BACKUP; FAULT if a tracked link is down. */
    public List<VrrpAction> start() {
        if (started) {
            return List.of();
        }
        started = true;
        startedAt = clock.nanoTime();
        masterAdverIntervalNanos = config.advertIntervalNanos();
        List<VrrpAction> out = new ArrayList<>();
        if (faulty()) {
            enterFault(out, downLinks.isEmpty() ? TransitionReason.SYNC_GROUP : TransitionReason.TRACKED_LINK_DOWN);
        } else {
            leaveIdle(out, config.owner() ? TransitionReason.STARTUP_OWNER : TransitionReason.STARTUP);
        }
        return out;
    }

    /** Shutdown event: a MASTER resigns with priority 0 so the backup takes over after Skew_Time only. */
    public List<VrrpAction> shutdown() {
        if (!started) {
            return List.of();
        }
        started = false;
        List<VrrpAction> out = new ArrayList<>();
        VrrpState from = state;
        timers.cancelAll();
        transition(out, VrrpState.INITIALIZE, TransitionReason.SHUTDOWN);
        if (from == VrrpState.MASTER) {
            send(out, 0);
            out.add(new RemoveVips(config.vips()));
        }
        currentMaster = null;
        return out;
    }

    /** A received advertisement that passed {@link AdvertValidator}. */
    public List<VrrpAction> onAdvert(Advert advert) {
        if (state != VrrpState.BACKUP && state != VrrpState.MASTER) {
            return List.of();
        }
        if (advert.source().equals(config.primaryAddress())) {
            // Our own multicast looped back; answering it would start an advert storm.
            counters.dropped(DropReason.OWN_ADVERT);
            return List.of();
        }
        counters.advertReceived(advert.priority());
        List<VrrpAction> out = new ArrayList<>();
        long now = clock.nanoTime();
        if (state == VrrpState.BACKUP) {
            if (advert.priority() == 0) {
                // The master resigned: take over after Skew_Time unless a better backup speaks first.
                timers.set(TimerKind.MASTER_DOWN, now + skewNanos());
                currentMaster = null;
            } else if (!config.preempt() || advert.priority() >= config.priority() || inPreemptDelay(now)) {
                learnInterval(advert);
                timers.set(TimerKind.MASTER_DOWN, now + masterDownNanos());
                currentMaster = advert.source();
            }
            // else: preempt a lower-priority master by letting MASTER_DOWN run out.
        } else if (advert.priority() == 0) {
            send(out, config.priority());
            timers.set(TimerKind.ADVERT, now + config.advertIntervalNanos());
        } else if (advert.priority() > config.priority()
                || (advert.priority() == config.priority() && compareUnsigned(advert.source(), config.primaryAddress()) > 0)) {
            learnInterval(advert);
            leaveMaster(out, TransitionReason.PREEMPTED);
            currentMaster = advert.source();
        } else {
            // RFC 9568 §6.4.3: assert mastership to the lower-priority router (and to learning bridges).
            send(out, config.priority());
        }
        return out;
    }

    /** Fires every timer due at the clock's current time. */
    public List<VrrpAction> onTimersDue() {
        List<VrrpAction> out = new ArrayList<>();
        long now = clock.nanoTime();
        for (TimerKind kind : timers.takeDue(now)) {
            switch (kind) {
                case ADVERT -> {
                    if (state == VrrpState.MASTER) {
                        send(out, config.priority());
                        timers.set(TimerKind.ADVERT, now + config.advertIntervalNanos());
                    }
                }
                case MASTER_DOWN -> {
                    if (state == VrrpState.BACKUP) {
                        becomeMaster(out, TransitionReason.MASTER_DOWN);
                    }
                }
                case GARP_REFRESH -> {
                    if (state == VrrpState.MASTER) {
                        out.add(new SendGratuitous(config.vips(), 1));
                        timers.set(TimerKind.GARP_REFRESH, now + config.garpRefreshInterval().toNanos());
                    }
                }
            }
        }
        return out;
    }

    /** A tracked interface went down: FAULT until every tracked interface is up again. */
    public List<VrrpAction> trackedLinkDown(String interfaceName) {
        boolean wasFaulty = faulty();
        downLinks.add(interfaceName);
        return faultChanged(wasFaulty, TransitionReason.TRACKED_LINK_DOWN);
    }

    public List<VrrpAction> trackedLinkUp(String interfaceName) {
        boolean wasFaulty = faulty();
        downLinks.remove(interfaceName);
        return faultChanged(wasFaulty, TransitionReason.TRACKED_LINK_UP);
    }

    /** Sync group: another member is in FAULT of its own (true) or no member is any more (false). */
    public List<VrrpAction> setGroupFault(boolean fault) {
        boolean wasFaulty = faulty();
        groupFault = fault;
        return faultChanged(wasFaulty, TransitionReason.SYNC_GROUP);
    }

    /** Sync group: another member became MASTER. Only a BACKUP follows. */
    public List<VrrpAction> forceMaster() {
        List<VrrpAction> out = new ArrayList<>();
        if (state == VrrpState.BACKUP) {
            becomeMaster(out, TransitionReason.SYNC_GROUP);
        }
        return out;
    }

    /** Sync group: another member fell back from MASTER. Only a MASTER follows. */
    public List<VrrpAction> forceBackup() {
        List<VrrpAction> out = new ArrayList<>();
        if (state == VrrpState.MASTER) {
            leaveMaster(out, TransitionReason.SYNC_GROUP);
        }
        return out;
    }

    // ---- observation ----------------------------------------------------------------------------

    public VrrpState state() {
        return state;
    }

    public VrrpStatus status() {
        return new VrrpStatus(config.name(), state, currentMaster(), lastTransition(), masterAdverIntervalNanos,
                counters.snapshot());
    }

    public VrrpConfig config() {
        return config;
    }

    public VrrpCounters counters() {
        return counters;
    }

    public Timers timers() {
        return timers;
    }

    /** When the driver must call {@link #onTimersDue()} next; empty when no timer is armed. */
    public OptionalLong nextDeadline() {
        return timers.next();
    }

    /** The master as far as we know: ourselves when MASTER, the last accepted advertiser when BACKUP. */
    public Optional<InetAddress> currentMaster() {
        return Optional.ofNullable(currentMaster);
    }

    public Optional<Transition> lastTransition() {
        return Optional.ofNullable(lastTransition);
    }

    /** Master_Adver_Interval: learned from the master's adverts in v3, always ours in v2. */
    public long masterAdverIntervalNanos() {
        return masterAdverIntervalNanos;
    }

    /** True while a tracked interface of this instance itself is down (not counting the group's). */
    public boolean ownFault() {
        return !downLinks.isEmpty();
    }

    public long skewNanos() {
        return Timing.skewNanos(config.version(), config.priority(), masterAdverIntervalNanos);
    }

    public long masterDownNanos() {
        return Timing.masterDownNanos(config.version(), config.priority(), masterAdverIntervalNanos);
    }

    // ---- transitions ----------------------------------------------------------------------------

    private boolean faulty() {
        return groupFault || !downLinks.isEmpty();
    }

    private boolean inPreemptDelay(long now) {
        return now - startedAt < config.preemptDelay().toNanos();
    }

    private List<VrrpAction> faultChanged(boolean wasFaulty, TransitionReason reason) {
        List<VrrpAction> out = new ArrayList<>();
        if (!started || wasFaulty == faulty()) {
            return out;
        }
        if (faulty()) {
            enterFault(out, reason);
        } else {
            leaveIdle(out, reason);
        }
        return out;
    }

    /** From INITIALIZE or FAULT into service. */
    private void leaveIdle(List<VrrpAction> out, TransitionReason reason) {
        masterAdverIntervalNanos = config.advertIntervalNanos();
        if (config.owner()) {
            becomeMaster(out, reason);
        } else {
            transition(out, VrrpState.BACKUP, reason);
            timers.set(TimerKind.MASTER_DOWN, clock.nanoTime() + masterDownNanos());
        }
    }

    private void becomeMaster(List<VrrpAction> out, TransitionReason reason) {
        long now = clock.nanoTime();
        timers.cancel(TimerKind.MASTER_DOWN);
        transition(out, VrrpState.MASTER, reason);
        currentMaster = config.primaryAddress();
        out.add(new AddVips(config.vips()));
        send(out, config.priority());
        if (config.garpInitialRepeat() > 0) {
            out.add(new SendGratuitous(config.vips(), config.garpInitialRepeat()));
        }
        timers.set(TimerKind.ADVERT, now + config.advertIntervalNanos());
        if (!config.garpRefreshInterval().isZero()) {
            timers.set(TimerKind.GARP_REFRESH, now + config.garpRefreshInterval().toNanos());
        }
    }

    private void leaveMaster(List<VrrpAction> out, TransitionReason reason) {
        timers.cancel(TimerKind.ADVERT);
        timers.cancel(TimerKind.GARP_REFRESH);
        transition(out, VrrpState.BACKUP, reason);
        out.add(new RemoveVips(config.vips()));
        currentMaster = null;
        timers.set(TimerKind.MASTER_DOWN, clock.nanoTime() + masterDownNanos());
    }

    private void enterFault(List<VrrpAction> out, TransitionReason reason) {
        VrrpState from = state;
        timers.cancelAll();
        transition(out, VrrpState.FAULT, reason);
        if (from == VrrpState.MASTER) {
            // Resign like a shutdown so the peer takes over after Skew_Time, not Master_Down_Interval.
            send(out, 0);
            out.add(new RemoveVips(config.vips()));
        }
        currentMaster = null;
    }

    private void transition(List<VrrpAction> out, VrrpState to, TransitionReason reason) {
        VrrpState from = state;
        state = to;
        lastTransition = new Transition(from, to, reason, clock.nanoTime());
        counters.transition(to);
        out.add(new StateChanged(from, to, reason));
    }

    private void send(List<VrrpAction> out, int priority) {
        counters.advertSent(priority);
        out.add(new SendAdvert(priority));
    }

    private void learnInterval(Advert advert) {
        if (config.version() == 3) {
            masterAdverIntervalNanos = advert.advertIntervalCs() * Timing.NANOS_PER_CS;
        }
    }

    /** Unsigned byte-wise comparison in network order, as RFC 9568 §6.4.3 asks for the tie-break. */
    static int compareUnsigned(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return Integer.compare(x.length, y.length);
        }
        for (int i = 0; i < x.length; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
