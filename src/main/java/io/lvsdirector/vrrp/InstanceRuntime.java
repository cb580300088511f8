package io.lvsdirector.vrrp;

import io.lvsdirector.model.VrrpInstance;
import io.lvsdirector.netlink.Link;
import io.lvsdirector.netlink.RawSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One configured instance on the worker thread: its spec, state machine and sockets. An instance whose
 * interface or address is missing still gets a machine, held in FAULT, so status shows it with the reason;
 * the worker rebuilds it when the interface appears. Not thread-safe: the worker thread owns it.
 */
final class InstanceRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InstanceRuntime.class);

    private final InstanceSpec spec;
    private final VrrpStateMachine machine;
    private final VrrpTransport transport;
    private final String problem;
    private Instant lastTransitionAt;
    private long lastWarning;
    private boolean warned;

    private InstanceRuntime(InstanceSpec spec, VrrpStateMachine machine, VrrpTransport transport, String problem) {
        this.spec = spec;
        this.machine = machine;
        this.transport = transport;
        this.problem = problem;
    }

    /** Resolves the interface, opens the sockets and builds the (not yet started) machine; never throws. */
    static InstanceRuntime create(InstanceSpec spec, HostNetwork host, Clock clock, Collection<InetAddress> allVips) {
        VrrpInstance instance = spec.instance();
        if (!spec.problems().isEmpty()) {
            return new InstanceRuntime(spec, null, null, "invalid configuration: " + String.join("; ", spec.problems()));
        }
        boolean ipv6 = spec.ipv6();
        String problem = null;
        VrrpTransport transport = null;
        InetAddress primary = unspecified(ipv6);
        try {
            ResolvedInterface itf = ResolvedInterface.resolve(host.links(), host.addresses(), instance.interfaceName(),
                    ipv6, allVips);
            primary = itf.primary();
            transport = VrrpTransport.open(itf, ipv6, spec.unicastPeers());
        } catch (ResolvedInterface.Unavailable e) {
            problem = e.getMessage();
        } catch (RuntimeException e) {
            problem = "cannot open VRRP sockets on " + instance.interfaceName() + ": " + e.getMessage();
        }
        VrrpStateMachine machine;
        try {
            VrrpConfig config = VrrpConfig.from(instance, primary,
                    spec.vips().stream().map(VipBinding::address).toList(),
                    ChecksumMode.valueOf(instance.checksumMode().name()), instance.garpRepeat(),
                    Duration.ofMillis(instance.garpRefreshIntervalMs()));
            machine = new VrrpStateMachine(config, clock);
        } catch (RuntimeException e) {
            if (transport != null) {
                transport.close();
            }
            return new InstanceRuntime(spec, null, null, "invalid configuration: " + e.getMessage());
        }
        if (transport == null) {
            machine.trackedLinkDown(instance.interfaceName()); // held in FAULT until rebuilt
        }
        for (String name : spec.watchedInterfaces()) {
            if (!host.links().find(name).map(InstanceRuntime::usable).orElse(false)) {
                machine.trackedLinkDown(name);
            }
        }
        return new InstanceRuntime(spec, machine, transport, problem);
    }

    /** An instance that cannot run at all; shown in FAULT with {@code problem}. */
    static InstanceRuntime broken(InstanceSpec spec, String problem) {
        return new InstanceRuntime(spec, null, null, problem);
    }

    /** Administratively up with carrier: what VRRP needs of a watched link. */
    static boolean usable(Link link) {
        return link.isUp() && link.isLowerUp();
    }

    InstanceSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    /** Null when the configuration cannot make a machine at all. */
    VrrpStateMachine machine() {
        return machine;
    }

    /** Null while the interface or its address is missing. */
    VrrpTransport transport() {
        return transport;
    }

    boolean resolved() {
        return transport != null;
    }

    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Rate limit for repeated failure warnings of this instance. */
    boolean warningDue(long now, long interval) {
        if (warned && now - lastWarning < interval) {
            return false;
        }
        warned = true;
        lastWarning = now;
        return true;
    }

    void transitioned(Instant at) {
        lastTransitionAt = at;
    }

    /** Encodes the advert per destination (the v3 pseudo-header includes it) and sends it. */
    void sendAdvert(int priority) {
        if (transport == null) {
            return;
        }
        VrrpConfig config = machine.config();
        VrrpPacket packet = config.advert(priority);
        for (InetAddress destination : transport.destinations()) {
            byte[] bytes = VrrpCodec.encode(packet, new Endpoints(config.primaryAddress(), destination),
                    config.checksumMode());
            transport.send(destination, bytes);
        }
    }

    /** Runs a received datagram through {@link AdvertReceiver}; the advert for the machine, or null if dropped. */
    Advert accept(RawSocket.Datagram d) {
        if (d.source() == null || machine == null) {
            return null;
        }
        if (transport.unicast() && !transport.destinations().contains(d.source())) {
            LOG.debugf("%s: VRRP from %s, not a configured peer, ignored", name(), d.source().getHostAddress());
            return null;
        }
        InetAddress destination = d.destination() != null ? d.destination() : transport.destinations().get(0);
        if (destination.getClass() != d.source().getClass()) {
            return null;
        }
        // Routed unicast peers arrive with a lower TTL; multicast must come from the link itself.
        int ttl = transport.unicast() ? -1 : d.ttl();
        AdvertReceiver.Outcome outcome = AdvertReceiver.receive(d.payload(), 0, d.payload().length, ttl,
                new Endpoints(d.source(), destination), machine.config(), machine.counters());
        if (outcome instanceof AdvertReceiver.Accepted a) {
            if (a.addressListMismatch()) {
                LOG.warnf("%s: advert from %s lists %s, we have %s", name(), d.source().getHostAddress(),
                        a.packet().addresses(), machine.config().vips());
            }
            return a.advert();
        }
        AdvertReceiver.Dropped dropped = (AdvertReceiver.Dropped) outcome;
        LOG.debugf("%s: dropped VRRP from %s: %s %s", name(), d.source().getHostAddress(), dropped.reason(),
                dropped.detail());
        return null;
    }

    /** The bindings (with prefix and interface) of the addresses an action names. */
    List<VipBinding> bindings(List<InetAddress> addresses) {
        return spec.vips().stream().filter(v -> addresses.contains(v.address())).toList();
    }

    VrrpInstanceStatus status() {
        VrrpStatus s = machine != null ? machine.status()
                : new VrrpStatus(name(), VrrpState.FAULT, Optional.empty(), Optional.empty(), 0,
                        new VrrpCounters().snapshot());
        return new VrrpInstanceStatus(s, spec.instance().interfaceName(), Optional.ofNullable(lastTransitionAt),
                problem());
    }

    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private static InetAddress unspecified(boolean ipv6) {
        try {
            return InetAddress.getByAddress(new byte[ipv6 ? 16 : 4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
