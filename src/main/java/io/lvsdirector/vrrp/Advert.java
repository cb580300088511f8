package io.lvsdirector.vrrp;

import java.net.InetAddress;

/** What the state machine needs of a validated advertisement. */
public record Advert(InetAddress source, int priority, int advertIntervalCs) {

    public static Advert of(VrrpPacket packet, InetAddress source) {
        return new Advert(source, packet.priority(), packet.advertIntervalCs());
    }
}
