package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Webhooks are POSTed as JSON; a dead receiver only costs a log line. Loopback only. */
class WebhookNotifierTest {

    @Test
    void postsTheEventAsJson() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
        server.createContext("/hook", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        VrrpEvent event = new VrrpEvent(Instant.parse("2026-01-02T03:04:05Z"), "web", "eth1", VrrpState.BACKUP,
                VrrpState.MASTER, TransitionReason.MASTER_DOWN, "192.0.2.1", null);
        try (WebhookNotifier notifier = new WebhookNotifier()) {
            notifier.post("http://127.0.0.1:1/refused", event); // nothing listens: logged, no exception
            notifier.post("http://127.0.0.1:" + server.getAddress().getPort() + "/hook", event);
            String request = received.poll(30, TimeUnit.SECONDS);
            assertNotNull(request, "webhook not called");
            assertEquals("POST application/json " + event.toJson(), request);
        } finally {
            server.stop(0);
        }
    }
}
