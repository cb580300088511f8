package io.lvsdirector.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Up when a TCP connection to the target opens within the timeout. */
final class TcpChecker implements Checker {

    private final Vertx vertx;
    /** One client per (source address, timeout): both are client options in Vert.x, not per-connect ones. */
    private final Map<ClientKey, NetClient> clients = new ConcurrentHashMap<>();

    TcpChecker(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        int timeoutMs = target.check().timeoutMs();
        ProbeDeadline deadline = new ProbeDeadline(vertx, timeoutMs, "connect timed out after " + timeoutMs + " ms");
        NetClient client = clients.computeIfAbsent(new ClientKey(target.check().sourceAddress(), timeoutMs),
                this::newClient);
        client.connect(SocketAddress.inetSocketAddress(target.port(), target.address()))
                .onSuccess(socket -> {
                    deadline.succeed();
                    close(socket);
                })
                .onFailure(deadline::fail);
        return deadline.future();
    }

    private NetClient newClient(ClientKey key) {
        NetClientOptions options = new NetClientOptions()
                .setConnectTimeout(key.timeoutMs())
                // Close with RST: a check a second per server must not fill the table with TIME_WAIT sockets.
                .setSoLinger(0);
        if (key.sourceAddress() != null) {
            options.setLocalAddress(key.sourceAddress());
        }
        return vertx.createNetClient(options);
    }

    private static void close(NetSocket socket) {
        socket.close();
    }

    void close() {
        clients.values().forEach(NetClient::close);
        clients.clear();
    }

    private record ClientKey(String sourceAddress, int timeoutMs) {
    }
}
