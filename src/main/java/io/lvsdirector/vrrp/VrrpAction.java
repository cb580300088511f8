package io.lvsdirector.vrrp;

import java.net.InetAddress;
import java.util.List;

/**
 * What the state machine asks its driver to do, in execution order. A {@link StateChanged} comes
 * first in the batch of a transition, then the side effects in the order they must happen (VIPs are
 * added before gratuitous ARPs announce them).
 */
public sealed interface VrrpAction {

    /** Encode {@link VrrpConfig#advert(int)} with this priority and send it. */
    record SendAdvert(int priority) implements VrrpAction {
    }

    record AddVips(List<InetAddress> vips) implements VrrpAction {
    }

    record RemoveVips(List<InetAddress> vips) implements VrrpAction {
    }

    /** Gratuitous ARP (IPv4) / unsolicited NA (IPv6) for each VIP, {@code repeat} times. */
    record SendGratuitous(List<InetAddress> vips, int repeat) implements VrrpAction {
    }

    record StateChanged(VrrpState from, VrrpState to, TransitionReason reason) implements VrrpAction {
    }
}
