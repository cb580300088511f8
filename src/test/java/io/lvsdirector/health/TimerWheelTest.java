package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timer wheel in virtual time: granules of 10 (nanoseconds here, to keep the arithmetic readable). */
class TimerWheelTest {

    private static final long ORIGIN = 1_000;
    private static final long G = 10;

    private final TimerWheel wheel = new TimerWheel(ORIGIN, G, Thread.currentThread());
    private final List<String> ran = new ArrayList<>();

    private TimerWheel.WheelTimer at(long deadline, String name) {
        return wheel.add(ORIGIN + deadline, () -> ran.add(name));
    }

    @Test
    void aTimerRunsAtTheEndOfItsGranuleNeverBeforeItsDeadline() {
        at(11, "11");
        at(20, "20");
        wheel.runDue(ORIGIN + 19);
        assertEquals(List.of(), ran, "11 is in the granule (10, 20]: not before 20");
        wheel.runDue(ORIGIN + 20);
        assertEquals(List.of("11", "20"), ran);
        assertEquals(0, wheel.size());
        assertEquals(Long.MAX_VALUE, wheel.nextWakeUp());
    }

    @Test
    void granuleByGranuleThenInTheOrderSet() {
        at(35, "35");
        at(32, "32");
        at(5, "5");
        at(21, "21");
        at(39, "39");
        wheel.runDue(ORIGIN + 100);
        assertEquals(List.of("5", "21", "35", "32", "39"), ran);
    }

    @Test
    void theNextWakeUpIsTheEndOfTheFirstGranuleThatHoldsATimer() {
        at(75, "75");
        at(42, "42");
        assertEquals(ORIGIN + 50, wheel.nextWakeUp());
        wheel.runDue(ORIGIN + 50);
        assertEquals(List.of("42"), ran);
        assertEquals(ORIGIN + 80, wheel.nextWakeUp());
    }

    @Test
    void aCancelledTimerLeavesAtOnceAndDoesNotRun() {
        TimerWheel.WheelTimer t = at(15, "cancelled");
        at(55, "kept");
        t.cancel();
        assertEquals(1, wheel.size());
        assertEquals(ORIGIN + 60, wheel.nextWakeUp(), "the cancelled timer's granule needs no wake-up");
        wheel.runDue(ORIGIN + 60);
        assertEquals(List.of("kept"), ran);
    }

    @Test
    void aTimerCancelledFromAnotherThreadIsDroppedWhenItsSlotComes() throws Exception {
        TimerWheel.WheelTimer t = at(15, "cancelled");
        Thread other = new Thread(t::cancel);
        other.start();
        other.join();
        assertEquals(1, wheel.size(), "only the owner touches the slots");
        wheel.runDue(ORIGIN + 20);
        assertEquals(List.of(), ran);
        assertEquals(0, wheel.size());
    }

    @Test
    void aTaskMayCancelTheNextTimerOfItsOwnGranule() {
        TimerWheel.WheelTimer[] second = new TimerWheel.WheelTimer[1];
        wheel.add(ORIGIN + 12, () -> {
            ran.add("first");
            second[0].cancel();
        });
        second[0] = at(13, "second");
        at(14, "third");
        wheel.runDue(ORIGIN + 20);
        assertEquals(List.of("first", "third"), ran);
    }

    @Test
    void aTimerSetByATaskGoesToALaterGranule() {
        wheel.add(ORIGIN + 15, () -> {
            ran.add("first");
            at(16, "set while running, deadline already passed");
        });
        wheel.runDue(ORIGIN + 20);
        assertEquals(List.of("first"), ran);
        wheel.runDue(ORIGIN + 30);
        assertEquals(List.of("first", "set while running, deadline already passed"), ran);
    }

    @Test
    void aTimerBeyondOneTurnOfTheWheelWaitsForItsRound() {
        long turn = TimerWheel.SLOTS * G;
        at(turn + 15, "next round");
        at(15, "this round"); // the same slot
        wheel.runDue(ORIGIN + 20);
        assertEquals(List.of("this round"), ran);
        wheel.runDue(ORIGIN + turn);
        assertEquals(List.of("this round"), ran);
        wheel.runDue(ORIGIN + turn + 20);
        assertEquals(List.of("this round", "next round"), ran);
    }

    @Test
    void afterAStallLongerThanTheWheelEveryOverdueTimerRuns() {
        long turn = TimerWheel.SLOTS * G;
        at(15, "a");
        at(turn / 2, "b");
        at(3 * turn, "c");
        at(5 * turn, "later");
        wheel.runDue(ORIGIN + 4 * turn);
        assertEquals(List.of("a", "b", "c"), ran.stream().sorted().toList());
        assertEquals(1, wheel.size());
        wheel.runDue(ORIGIN + 5 * turn);
        assertEquals(4, ran.size());
    }

    @Test
    void aFailingTaskLeavesTheRestForTheNextCall() {
        wheel.add(ORIGIN + 12, () -> {
            throw new IllegalStateException("boom");
        });
        at(13, "after");
        assertThrows(IllegalStateException.class, () -> wheel.runDue(ORIGIN + 20));
        wheel.runDue(ORIGIN + 20);
        assertEquals(List.of("after"), ran);
    }
}
