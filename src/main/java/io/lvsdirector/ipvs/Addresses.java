package io.lvsdirector.ipvs;

import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.IpAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address helpers for already-validated literals (no name resolution ever happens here). */
final class Addresses {

    private Addresses() {
    }

    /** Parses an IP literal that validation has accepted. */
    static InetAddress literal(String text) {
        byte[] bytes = IpAddress.parse(text)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address literal: " + text)).bytes();
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + text, e);
        }
    }

    static AddressFamily family(InetAddress a) {
        return a instanceof Inet6Address ? AddressFamily.INET6 : AddressFamily.INET;
    }

    static String withPort(InetAddress a, int port) {
        return a instanceof Inet6Address ? "[" + a.getHostAddress() + "]:" + port : a.getHostAddress() + ":" + port;
    }
}
