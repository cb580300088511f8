package io.lvsdirector.vrrp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Absolute deadlines (clock nanoseconds) of the armed timers of one machine. */
public final class Timers {

    private final EnumMap<TimerKind, Long> deadlines = new EnumMap<>(TimerKind.class);

    void set(TimerKind kind, long deadline) {
        deadlines.put(kind, deadline);
    }

    void cancel(TimerKind kind) {
        deadlines.remove(kind);
    }

    void cancelAll() {
        deadlines.clear();
    }

    public OptionalLong deadline(TimerKind kind) {
        Long d = deadlines.get(kind);
        return d == null ? OptionalLong.empty() : OptionalLong.of(d);
    }

    public boolean armed(TimerKind kind) {
        return deadlines.containsKey(kind);
    }

    /** The earliest deadline, for the driver's wait. */
    public OptionalLong next() {
        return deadlines.values().stream().mapToLong(Long::longValue).min();
    }

    /** Timers due at {@code now}, earliest first, removed from the armed set. */
    List<TimerKind> takeDue(long now) {
        List<Map.Entry<TimerKind, Long>> due = new ArrayList<>();
        for (Map.Entry<TimerKind, Long> e : deadlines.entrySet()) {
            if (e.getValue() <= now) {
                due.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        due.sort(Map.Entry.comparingByValue());
        List<TimerKind> kinds = new ArrayList<>(due.size());
        for (Map.Entry<TimerKind, Long> e : due) {
            deadlines.remove(e.getKey());
            kinds.add(e.getKey());
        }
        return kinds;
    }

    @Override
    public String toString() {
        return deadlines.toString();
    }
}
