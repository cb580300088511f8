package io.lvsdirector.vrrp;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-instance counters. Written by the VRRP worker, read by metrics and the status API from other
 * threads, hence atomics; {@link #snapshot()} gives a consistent-enough plain copy.
 */
public final class VrrpCounters {

    private final AtomicLong advertsSent = new AtomicLong();
    private final AtomicLong advertsReceived = new AtomicLong();
    private final AtomicLong priorityZeroSent = new AtomicLong();
    private final AtomicLong priorityZeroReceived = new AtomicLong();
    private final AtomicLong transitions = new AtomicLong();
    private final AtomicLong becameMaster = new AtomicLong();
    private final EnumMap<DropReason, AtomicLong> drops = new EnumMap<>(DropReason.class);

    public VrrpCounters() {
        for (DropReason r : DropReason.values()) {
            drops.put(r, new AtomicLong());
        }
    }

    public record Snapshot(long advertsSent, long advertsReceived, long priorityZeroSent, long priorityZeroReceived,
            long transitions, long becameMaster, Map<DropReason, Long> drops) {
        public long drops(DropReason reason) {
            return drops.getOrDefault(reason, 0L);
        }
    }

    void advertSent(int priority) {
        advertsSent.incrementAndGet();
        if (priority == 0) {
            priorityZeroSent.incrementAndGet();
        }
    }

    void advertReceived(int priority) {
        advertsReceived.incrementAndGet();
        if (priority == 0) {
            priorityZeroReceived.incrementAndGet();
        }
    }

    void transition(VrrpState to) {
        transitions.incrementAndGet();
        if (to == VrrpState.MASTER) {
            becameMaster.incrementAndGet();
        }
    }

    public void dropped(DropReason reason) {
        drops.get(reason).incrementAndGet();
    }

    public long advertsSent() {
        return advertsSent.get();
    }

    public long advertsReceived() {
        return advertsReceived.get();
    }

    public long transitions() {
        return transitions.get();
    }

    public long drops(DropReason reason) {
        return drops.get(reason).get();
    }

    public Snapshot snapshot() {
        EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        drops.forEach((r, v) -> copy.put(r, v.get()));
        return new Snapshot(advertsSent.get(), advertsReceived.get(), priorityZeroSent.get(),
                priorityZeroReceived.get(), transitions.get(), becameMaster.get(), Collections.unmodifiableMap(copy));
    }
}
