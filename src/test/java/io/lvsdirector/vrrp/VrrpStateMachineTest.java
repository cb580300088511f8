package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.vrrp.VrrpAction.SendAdvert;
import io.lvsdirector.vrrp.VrrpAction.StateChanged;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-machine edges, driven directly. */
class VrrpStateMachineTest {

    static final InetAddress SELF = Addr.of("10.0.0.1");
    static final InetAddress PEER = Addr.of("10.0.0.2");

    final VirtualClock clock = new VirtualClock();

    VrrpStateMachine machine(VrrpConfig.Builder b) {
        return new VrrpStateMachine(b.build(), clock);
    }

    VrrpStateMachine masterAt100() {
        VrrpStateMachine m = machine(VrrpConfig.builder("m", 2, 1, SELF));
        m.start();
        clock.advanceTo(m.nextDeadline().orElseThrow());
        m.onTimersDue();
        assertEquals(VrrpState.MASTER, m.state());
        return m;
    }

    @Test
    void timerFormulasMatchTheRfcs() {
        assertEquals(609_375_000L, Timing.skewNanos(2, 100, 1_000_000_000L));
        assertEquals(609_375_000L, Timing.skewNanos(2, 100, 5_000_000_000L), "v2 skew ignores the interval");
        assertEquals(3_046_875_000L, Timing.skewNanos(3, 100, 5_000_000_000L));
        assertEquals(3_609_375_000L, Timing.masterDownNanos(2, 100, 1_000_000_000L));
        assertEquals(3_003_906_250L, Timing.masterDownNanos(3, 255, 1_000_000_000L));
    }

    @Test
    void advertsAreIgnoredBeforeStartAndAfterShutdown() {
        VrrpStateMachine m = machine(VrrpConfig.builder("m", 2, 1, SELF));
        assertEquals(List.of(), m.onAdvert(new Advert(PEER, 200, 100)));
        m.start();
        assertEquals(List.of(new StateChanged(VrrpState.BACKUP, VrrpState.INITIALIZE, TransitionReason.SHUTDOWN)),
                m.shutdown());
        assertEquals(List.of(), m.onAdvert(new Advert(PEER, 200, 100)));
        assertEquals(List.of(), m.shutdown(), "shutdown is idempotent");
        assertTrue(m.nextDeadline().isEmpty());
        assertEquals(0, m.counters().advertsReceived());
    }

    @Test
    void ownLoopedBackAdvertIsCountedAndIgnored() {
        VrrpStateMachine m = masterAt100();
        assertEquals(List.of(), m.onAdvert(new Advert(SELF, 100, 100)));
        assertEquals(1, m.counters().drops(DropReason.OWN_ADVERT));
    }

    @Test
    void masterReceivingPriorityZeroAdvertisesAndResetsItsTimer() {
        VrrpStateMachine m = masterAt100();
        clock.advance(Duration.ofMillis(300));
        assertEquals(List.of(new SendAdvert(100)), m.onAdvert(new Advert(PEER, 0, 100)));
        assertEquals(clock.nanoTime() + 1_000_000_000L, m.timers().deadline(TimerKind.ADVERT).orElseThrow());
    }

    @Test
    void masterAnswersLowerPriorityWithoutMovingItsTimer() {
        VrrpStateMachine m = masterAt100();
        long before = m.timers().deadline(TimerKind.ADVERT).orElseThrow();
        clock.advance(Duration.ofMillis(300));
        assertEquals(List.of(new SendAdvert(100)), m.onAdvert(new Advert(PEER, 99, 100)));
        assertEquals(before, m.timers().deadline(TimerKind.ADVERT).orElseThrow());
        assertEquals(VrrpState.MASTER, m.state());
    }

    @Test
    void equalPriorityFromALowerAddressIsAnsweredNotObeyed() {
        VrrpStateMachine m = new VrrpStateMachine(VrrpConfig.builder("m", 2, 1, Addr.of("10.0.0.9")).build(), clock);
        m.start();
        clock.advanceTo(m.nextDeadline().orElseThrow());
        m.onTimersDue();
        assertEquals(List.of(new SendAdvert(100)), m.onAdvert(new Advert(Addr.of("10.0.0.8"), 100, 100)));
        assertEquals(VrrpState.MASTER, m.state());
        m.onAdvert(new Advert(Addr.of("10.0.0.10"), 100, 100));
        assertEquals(VrrpState.BACKUP, m.state());
    }

    @Test
    void backupReceivingPriorityZeroArmsSkewTime() {
        VrrpStateMachine m = machine(VrrpConfig.builder("m", 3, 1, SELF).advertIntervalCs(200));
        m.start();
        clock.advance(Duration.ofSeconds(1));
        m.onAdvert(new Advert(PEER, 200, 100)); // learns 1 s from the master
        clock.advance(Duration.ofMillis(500));
        assertEquals(List.of(), m.onAdvert(new Advert(PEER, 0, 100)));
        assertEquals(clock.nanoTime() + 609_375_000L, m.nextDeadline().orElseThrow());
        assertTrue(m.currentMaster().isEmpty());
    }

    @Test
    void countersTrackSentAdvertsAndTransitions() {
        VrrpStateMachine m = masterAt100();
        for (int i = 0; i < 3; i++) {
            clock.advanceTo(m.nextDeadline().orElseThrow());
            m.onTimersDue();
        }
        m.shutdown();
        VrrpCounters.Snapshot s = m.counters().snapshot();
        assertEquals(5, s.advertsSent()); // on becoming master, three timer adverts, priority 0
        assertEquals(1, s.priorityZeroSent());
        assertEquals(3, s.transitions()); // BACKUP, MASTER, INITIALIZE
        assertEquals(1, s.becameMaster());
        assertEquals(new Transition(VrrpState.MASTER, VrrpState.INITIALIZE, TransitionReason.SHUTDOWN,
                clock.nanoTime()), m.lastTransition().orElseThrow());
        VrrpStatus status = m.status();
        assertEquals(VrrpState.INITIALIZE, status.state());
        assertTrue(status.currentMaster().isEmpty());
        assertEquals(s, status.counters());
    }

    @Test
    void configRejectsVipsOfAnotherFamilyAndV2SubSecondIntervals() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VrrpConfig.builder("m", 3, 1, SELF).vips(List.of(Addr.of("2001:db8::1"))).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VrrpConfig.builder("m", 2, 1, SELF).advertIntervalCs(50).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VrrpConfig.builder("m", 2, 1, Addr.of("fe80::1")).build());
    }

    @Test
    void configFromTheApiRecordMapsIntervalsAndPassword() {
        var instance = new io.lvsdirector.model.VrrpInstance("vi-1", "eth0", 51, 150, 2, 2000, false, 5000,
                null, new io.lvsdirector.model.VrrpAuthentication(
                        io.lvsdirector.model.VrrpAuthentication.Type.PASSWORD, "secret"), null, null);
        VrrpConfig c = VrrpConfig.from(instance, SELF, List.of(Addr.of("10.0.0.100")), ChecksumMode.DEFAULT, 5,
                Duration.ZERO);
        assertEquals(200, c.advertIntervalCs());
        assertEquals(Duration.ofSeconds(5), c.preemptDelay());
        assertEquals(VrrpPacket.AUTH_SIMPLE_TEXT, c.authType());
        assertEquals(List.of((byte) 's', (byte) 'e', (byte) 'c', (byte) 'r', (byte) 'e', (byte) 't', (byte) 0, (byte) 0),
                toList(c.authData()));
        assertTrue(!c.preempt());
    }

    private static List<Byte> toList(byte[] b) {
        java.util.ArrayList<Byte> out = new java.util.ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }
}
