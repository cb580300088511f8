package io.lvsdirector.vrrp;

import java.time.Duration;

/** A clock that moves only when told to; time starts at 0. Not thread-safe: one simulation thread. */
public final class VirtualClock implements Clock {

    private long now;

    @Override
    public long nanoTime() {
        return now;
    }

    public void advance(Duration d) {
        advanceTo(now + d.toNanos());
    }

    public void advanceTo(long nanos) {
        if (nanos < now) {
            throw new IllegalArgumentException("time does not go backwards: " + nanos + " < " + now);
        }
        now = nanos;
    }
}
