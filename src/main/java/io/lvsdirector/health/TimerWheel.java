package io.lvsdirector.health;

/**
 * Timers of one thread in slots one granule wide (a hashed timing wheel). Setting a timer, cancelling it
 * on the owning thread and running it are each a few pointer updates, whatever the number of timers; a
 * binary heap costs a logarithm of them each time, and at thousands of checks a second (each one sets a
 * timeout and nearly always cancels it) that was a sizeable share of a check loop's own CPU.
 *
 * <p>Granule {@code g} covers the deadlines in {@code (origin + (g-1)·G, origin + g·G]}, and its timers run
 * once the time is {@code origin + g·G} or later: never before their deadline, at most one granule after it.
 * Timers run granule by granule and, within one granule, in the order they were set. A timer further away
 * than the wheel's {@value #SLOTS} slots waits in its slot for its round.
 */
final class TimerWheel {

    static final int SLOTS = 1024;
    private static final int MASK = SLOTS - 1;

    private final long origin;
    private final long granularity;
    private final Thread owner;
    private final WheelTimer[] heads = new WheelTimer[SLOTS];
    private final WheelTimer[] tails = new WheelTimer[SLOTS];
    /** The last granule whose timers have all run. */
    private long doneGranule;
    /** The granule whose timers are running: a timer set by one of them goes to a later granule. */
    private long runningGranule;
    /** Timers in the slots, including those cancelled from another thread and not yet dropped. */
    private int size;

    /**
     * @param originNanos a {@link System#nanoTime} value no later than any time passed in
     * @param owner the thread that runs the timers; a cancel on it unlinks the timer at once
     */
    TimerWheel(long originNanos, long granularityNanos, Thread owner) {
        this.origin = originNanos;
        this.granularity = granularityNanos;
        this.owner = owner;
    }

    /** Sets a timer for {@code deadline} (nanoTime); call it on the owner, or before the owner runs. */
    WheelTimer add(long deadline, Runnable task) {
        long granule = Math.max(Math.max(doneGranule, runningGranule) + 1, ceilDiv(deadline - origin, granularity));
        WheelTimer timer = new WheelTimer(this, granule, task);
        int slot = (int) (granule & MASK);
        timer.previous = tails[slot];
        if (tails[slot] == null) {
            heads[slot] = timer;
        } else {
            tails[slot].next = timer;
        }
        tails[slot] = timer;
        timer.linked = true;
        size++;
        return timer;
    }

    /**
     * Runs every timer whose granule has ended by {@code now} (nanoTime). A task that throws leaves the timers
     * after it for the next call. After a stall longer than the whole wheel, the overdue timers run slot by
     * slot rather than strictly by granule.
     */
    void runDue(long now) {
        long nowGranule = Math.floorDiv(now - origin, granularity);
        long last = Math.min(nowGranule, doneGranule + SLOTS);
        for (long g = doneGranule + 1; g <= last; g++) {
            runningGranule = g;
            runSlot((int) (g & MASK), nowGranule);
        }
        doneGranule = Math.max(doneGranule, nowGranule);
    }

    /** The nanoTime at which the next granule that holds a timer ends; Long.MAX_VALUE when there is none. */
    long nextWakeUp() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        for (long g = doneGranule + 1; g <= doneGranule + SLOTS; g++) {
            if (heads[(int) (g & MASK)] != null) {
                return origin + g * granularity; // perhaps a later round's timer: then a wake-up finds nothing
            }
        }
        return Long.MAX_VALUE; // not reached: size counts linked timers
    }

    /** Timers still in the slots (for tests). */
    int size() {
        return size;
    }

    private void runSlot(int slot, long nowGranule) {
        WheelTimer timer = heads[slot];
        while (timer != null) {
            WheelTimer next = timer.next;
            if (timer.granule <= nowGranule) {
                unlink(timer);
                if (!timer.cancelled) {
                    timer.task.run();
                    if (next != null && !next.linked) { // the task cancelled it: start the slot over
                        next = heads[slot];
                    }
                }
            }
            timer = next;
        }
    }

    private void unlink(WheelTimer timer) {
        int slot = (int) (timer.granule & MASK);
        if (timer.previous == null) {
            heads[slot] = timer.next;
        } else {
            timer.previous.next = timer.next;
        }
        if (timer.next == null) {
            tails[slot] = timer.previous;
        } else {
            timer.next.previous = timer.previous;
        }
        timer.previous = null;
        timer.next = null;
        timer.linked = false;
        size--;
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }

    /** One timer; cancel it from any thread. */
    static final class WheelTimer implements ProbeLoop.Timer {
        private final TimerWheel wheel;
        private final long granule;
        private final Runnable task;
        private WheelTimer previous;
        private WheelTimer next;
        private boolean linked;
        private volatile boolean cancelled;

        private WheelTimer(TimerWheel wheel, long granule, Runnable task) {
            this.wheel = wheel;
            this.granule = granule;
            this.task = task;
        }

        /** On the owner the timer leaves its slot at once; elsewhere it is dropped when its slot comes round. */
        @Override
        public void cancel() {
            cancelled = true;
            if (Thread.currentThread() == wheel.owner && linked) {
                wheel.unlink(this);
            }
        }
    }
}
