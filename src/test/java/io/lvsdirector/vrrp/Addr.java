package io.lvsdirector.vrrp;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Literal addresses for tests (no name lookup: only literals are passed). */
final class Addr {
    private Addr() {
    }

    static InetAddress of(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
