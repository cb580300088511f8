package io.lvsdirector.vrrp;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * A LAN of simulated VRRP routers in virtual time. Adverts travel as encoded bytes through
 * {@link AdvertReceiver}, so the codec, the receive checks and the state machine are exercised together.
 * Delivery takes no time; at one instant, due timers run before packets in flight (routers whose
 * timers expire together both act before hearing each other, as on a real wire).
 */
final class SimulatedLan {

    record Event(long at, String router, VrrpAction action) {
    }

    final class Router {
        final String name;
        final VrrpStateMachine machine;
        final Set<InetAddress> vipsHeld = new LinkedHashSet<>();
        SyncGroup group;
        boolean alive = true;
        boolean cut;

        Router(String name, VrrpConfig config) {
            this.name = name;
            this.machine = new VrrpStateMachine(config, clock);
        }

        VrrpConfig config() {
            return machine.config();
        }

        List<Event> events() {
            return log.stream().filter(e -> e.router().equals(name)).toList();
        }

        List<VrrpAction> actionsAt(long at) {
            return events().stream().filter(e -> e.at() == at).map(Event::action).toList();
        }

        List<Event> transitions() {
            return events().stream().filter(e -> e.action() instanceof VrrpAction.StateChanged).toList();
        }

        List<Long> advertTimes() {
            return events().stream().filter(e -> e.action() instanceof VrrpAction.SendAdvert).map(Event::at).toList();
        }
    }

    private record Packet(String from, byte[] bytes, Endpoints endpoints) {
    }

    final VirtualClock clock = new VirtualClock();
    final Map<String, Router> routers = new LinkedHashMap<>();
    final List<Event> log = new ArrayList<>();
    private final ArrayDeque<Packet> inFlight = new ArrayDeque<>();

    Router add(String name, VrrpConfig config) {
        Router r = new Router(name, config);
        routers.put(name, r);
        return r;
    }

    Router router(String name) {
        return routers.get(name);
    }

    /** Puts routers of one host in a sync group; events for them then go through the group. */
    void group(String groupName, String... names) {
        Map<String, VrrpStateMachine> members = new LinkedHashMap<>();
        for (String n : names) {
            members.put(n, routers.get(n).machine);
        }
        SyncGroup g = new SyncGroup(groupName, members);
        for (String n : names) {
            routers.get(n).group = g;
        }
    }

    void start(String name) {
        event(routers.get(name), VrrpStateMachine::start);
    }

    void shutdown(String name) {
        event(routers.get(name), VrrpStateMachine::shutdown);
    }

    void linkDown(String name, String ifname) {
        event(routers.get(name), m -> m.trackedLinkDown(ifname));
    }

    void linkUp(String name, String ifname) {
        event(routers.get(name), m -> m.trackedLinkUp(ifname));
    }

    /** The box dies: no more sending, receiving or timers; its addresses vanish with it. */
    void kill(String name) {
        Router r = routers.get(name);
        r.alive = false;
        r.vipsHeld.clear();
    }

    /** Cut a router off the LAN (or reconnect it); it keeps running. */
    void cut(String name, boolean isCut) {
        routers.get(name).cut = isCut;
    }

    void at(double seconds, Runnable r) {
        runUntil(nanos(seconds));
        clock.advanceTo(nanos(seconds));
        r.run();
    }

    /** Processes every timer and packet up to and including {@code until}. */
    void runUntil(long until) {
        while (true) {
            drainPackets();
            long next = Long.MAX_VALUE;
            for (Router r : routers.values()) {
                OptionalLong d = r.machine.nextDeadline();
                if (r.alive && d.isPresent()) {
                    next = Math.min(next, d.getAsLong());
                }
            }
            if (next > until) {
                break;
            }
            clock.advanceTo(next);
            for (Router r : routers.values()) {
                OptionalLong d = r.machine.nextDeadline();
                if (r.alive && d.isPresent() && d.getAsLong() <= next) {
                    event(r, VrrpStateMachine::onTimersDue);
                }
            }
        }
        clock.advanceTo(Math.max(clock.nanoTime(), until));
    }

    void runUntil(double seconds) {
        runUntil(nanos(seconds));
    }

    static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    Set<InetAddress> holders(InetAddress vip) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (Router r : routers.values()) {
            if (r.vipsHeld.contains(vip)) {
                out.add(r.config().primaryAddress());
            }
        }
        return out;
    }

    private void drainPackets() {
        while (!inFlight.isEmpty()) {
            Packet p = inFlight.poll();
            for (Router r : routers.values()) {
                if (r.name.equals(p.from()) || !r.alive || r.cut) {
                    continue;
                }
                AdvertReceiver.Outcome o = AdvertReceiver.receive(p.bytes(), 0, p.bytes().length, 255, p.endpoints(),
                        r.config(), r.machine.counters());
                if (o instanceof AdvertReceiver.Accepted a) {
                    event(r, m -> m.onAdvert(a.advert()));
                }
            }
        }
    }

    private void event(Router r, Function<VrrpStateMachine, List<VrrpAction>> e) {
        if (!r.alive) {
            return;
        }
        if (r.group == null) {
            perform(r, e.apply(r.machine));
            return;
        }
        String member = r.name;
        r.group.dispatch(member, e).forEach((name, actions) -> perform(routers.get(name), actions));
    }

    private void perform(Router r, List<VrrpAction> actions) {
        for (VrrpAction a : actions) {
            log.add(new Event(clock.nanoTime(), r.name, a));
            if (a instanceof VrrpAction.SendAdvert s && !r.cut) {
                Endpoints ep = Endpoints.multicast(r.config().primaryAddress());
                inFlight.add(new Packet(r.name,
                        VrrpCodec.encode(r.config().advert(s.priority()), ep, r.config().checksumMode()), ep));
            } else if (a instanceof VrrpAction.AddVips add) {
                r.vipsHeld.addAll(add.vips());
            } else if (a instanceof VrrpAction.RemoveVips rm) {
                rm.vips().forEach(r.vipsHeld::remove);
            }
        }
    }
}
