package io.lvsdirector.vrrp;

/** Monotonic time source, injectable so the state machine runs in virtual time under test. */
@FunctionalInterface
public interface Clock {

    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanoTime();

    static Clock system() {
        return System::nanoTime;
    }
}
