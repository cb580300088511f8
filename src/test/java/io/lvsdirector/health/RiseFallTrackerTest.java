package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.HealthState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiseFallTrackerTest {

    @Test
    void goesDownAfterFallConsecutiveFailuresAndReportsItOnce() {
        RiseFallTracker t = new RiseFallTracker(2, 3, HealthState.UP);
        assertEquals(Optional.empty(), t.record(false));
        assertEquals(Optional.empty(), t.record(false));
        assertEquals(Optional.of(HealthState.DOWN), t.record(false));
        assertEquals(Optional.empty(), t.record(false), "a further failure is no transition");
        assertEquals(HealthState.DOWN, t.state());
        assertEquals(4, t.consecutiveFailures());
        assertEquals(0, t.consecutiveSuccesses());
    }

    @Test
    void comesUpAfterRiseConsecutiveSuccesses() {
        RiseFallTracker t = new RiseFallTracker(2, 1, HealthState.DOWN);
        assertEquals(Optional.empty(), t.record(true));
        assertEquals(Optional.of(HealthState.UP), t.record(true));
        assertEquals(Optional.empty(), t.record(true));
        assertEquals(3, t.consecutiveSuccesses());
    }

    @Test
    void flappingShorterThanFallOrRiseChangesNothing() {
        RiseFallTracker up = new RiseFallTracker(3, 3, HealthState.UP);
        RiseFallTracker down = new RiseFallTracker(3, 3, HealthState.DOWN);
        for (int i = 0; i < 20; i++) {
            boolean outcome = i % 3 != 2; // two successes, one failure, ...
            assertTrue(up.record(!outcome).isEmpty(), "never three failures in a row");
            assertTrue(down.record(outcome).isEmpty(), "never three successes in a row");
        }
        assertEquals(HealthState.UP, up.state());
        assertEquals(HealthState.DOWN, down.state());
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        RiseFallTracker t = new RiseFallTracker(1, 2, HealthState.UP);
        t.record(false);
        t.record(true);
        assertEquals(Optional.empty(), t.record(false));
        assertEquals(Optional.of(HealthState.DOWN), t.record(false));
    }

    @Test
    void riseAndFallOfOneSwitchOnEveryChange() {
        RiseFallTracker t = new RiseFallTracker(1, 1, HealthState.UP);
        assertEquals(Optional.of(HealthState.DOWN), t.record(false));
        assertEquals(Optional.of(HealthState.UP), t.record(true));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RiseFallTracker(0, 1, HealthState.UP));
        assertThrows(IllegalArgumentException.class, () -> new RiseFallTracker(1, 1, HealthState.UNKNOWN));
    }
}
