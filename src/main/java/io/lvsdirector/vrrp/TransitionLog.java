package io.lvsdirector.vrrp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The most recent transitions of all instances, oldest first, bounded so a flapping link cannot grow it. */
public final class TransitionLog {

    private final int capacity;
    private final Deque<VrrpEvent> events = new ArrayDeque<>();

    public TransitionLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(VrrpEvent event) {
        if (events.size() == capacity) {
            events.removeFirst();
        }
        events.addLast(event);
    }

    public synchronized List<VrrpEvent> all() {
        return new ArrayList<>(events);
    }

    public synchronized List<VrrpEvent> of(String instance) {
        return events.stream().filter(e -> e.instance().equals(instance)).toList();
    }
}
