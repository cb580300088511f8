package io.lvsdirector.vrrp;

import io.lvsdirector.netlink.RawSocket;
import java.net.InetAddress;
import java.util.List;

/**
 * One instance's VRRP sockets (IP protocol 112), both bound to its interface. The receiver stays unbound to
 * any address (a bound raw socket would miss multicast) and joins 224.0.0.18 / ff02::12 unless unicast peers
 * are configured; the sender is bound to the primary address, so that is the source the kernel writes, and
 * sends with TTL / hop limit 255 as RFC 3768 §7.1 / RFC 9568 §5.1.1.3 demand of every advert.
 */
public final class VrrpTransport implements AutoCloseable {

    public static final int TTL = 255;

    private final ResolvedInterface itf;
    private final List<InetAddress> destinations;
    private final boolean unicast;
    private final RawSocket receiver;
    private final RawSocket sender;

    private VrrpTransport(ResolvedInterface itf, List<InetAddress> destinations, boolean unicast, RawSocket receiver,
            RawSocket sender) {
        this.itf = itf;
        this.destinations = destinations;
        this.unicast = unicast;
        this.receiver = receiver;
        this.sender = sender;
    }

    /** Opens the sockets in the calling thread's namespace. */
    public static VrrpTransport open(ResolvedInterface itf, boolean ipv6, List<InetAddress> unicastPeers) {
        boolean unicast = !unicastPeers.isEmpty();
        InetAddress group = ipv6 ? Endpoints.MULTICAST_V6 : Endpoints.MULTICAST_V4;
        RawSocket rx = null;
        RawSocket tx = null;
        try {
            rx = RawSocket.open(ipv6, RawSocket.IPPROTO_VRRP).bindToDevice(itf.name()).receiveHopLimitAndDestination();
            if (!unicast) {
                rx.joinGroup(group, itf.index());
            }
            tx = RawSocket.open(ipv6, RawSocket.IPPROTO_VRRP).bindToDevice(itf.name())
                    .multicastSender(itf.index(), TTL).sendOnly().bind(itf.primary(), itf.index());
            return new VrrpTransport(itf, unicast ? List.copyOf(unicastPeers) : List.of(group), unicast, rx, tx);
        } catch (RuntimeException e) {
            if (rx != null) {
                rx.close();
            }
            if (tx != null) {
                tx.close();
            }
            throw e;
        }
    }

    /** Where each advert goes: the multicast group, or every unicast peer. */
    public List<InetAddress> destinations() {
        return destinations;
    }

    public boolean unicast() {
        return unicast;
    }

    public int receiveFd() {
        return receiver.fd();
    }

    public ResolvedInterface itf() {
        return itf;
    }

    public void send(InetAddress destination, byte[] advert) {
        sender.send(destination, itf.index(), advert);
    }

    /** The next received datagram, or null when none is queued. */
    public RawSocket.Datagram receive() {
        return receiver.receive();
    }

    @Override
    public void close() {
        receiver.close();
        sender.close();
    }
}
