package io.lvsdirector.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Function;

/**
 * One datagram out, the first reply from the target judged, on a short-lived socket of its own (so
 * replies cannot be confused between probes). Replies from other addresses or ports are ignored.
 * Without a connected socket an ICMP port-unreachable is not seen: a dead port fails by timeout.
 */
final class UdpExchange {

    private final Vertx vertx;

    UdpExchange(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * @param judge null if the reply means up, else the error text
     */
    Future<CheckResult> exchange(ProbeTarget target, byte[] request, Function<byte[], String> judge) {
        int timeoutMs = target.check().timeoutMs();
        ProbeDeadline deadline = new ProbeDeadline(vertx, timeoutMs, "no reply within " + timeoutMs + " ms");
        InetAddress targetAddress;
        try {
            targetAddress = InetAddress.getByName(target.address()); // an IP literal: no lookup
        } catch (UnknownHostException e) {
            deadline.fail(e);
            return deadline.future();
        }
        boolean v6 = target.address().indexOf(':') >= 0;
        DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions().setIpV6(v6));
        deadline.onDone(socket::close);
        socket.handler(packet -> {
            if (packet.sender().port() == target.port() && sameAddress(packet.sender().host(), targetAddress)) {
                String error = judge.apply(packet.data().getBytes());
                if (error == null) {
                    deadline.succeed();
                } else {
                    deadline.fail(error);
                }
            }
        });
        String local = target.check().sourceAddress() != null ? target.check().sourceAddress() : v6 ? "::" : "0.0.0.0";
        socket.listen(0, local)
                .compose(s -> s.send(Buffer.buffer(request), target.port(), target.address()))
                .onFailure(deadline::fail);
        return deadline.future();
    }

    private static boolean sameAddress(String host, InetAddress expected) {
        try {
            return InetAddress.getByName(host).equals(expected);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
