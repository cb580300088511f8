package io.lvsdirector.vrrp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * POSTs transition events as JSON to an instance's webhook, on a thread of its own so a slow or dead receiver
 * never delays the VRRP loop. Short timeouts, no retries; a bounded queue drops (and logs) when it backs up.
 */
public final class WebhookNotifier implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1000), r -> {
                Thread t = new Thread(r, "vrrp-webhook");
                t.setDaemon(true);
                return t;
            }, (r, e) -> LOG.warn("VRRP webhook queue full: notification dropped"));
    // Built on first use, and only ever used, on the executor's one thread: most directors have no webhook,
    // and building a client costs start-up time and starts the client's own selector thread.
    private HttpClient client;

    public void post(String url, VrrpEvent event) {
        executor.execute(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event.toJson())).build();
                HttpResponse<Void> response = client().send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() >= 300) {
                    LOG.warnf("VRRP webhook %s answered %d", url, response.statusCode());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warnf("VRRP webhook %s failed: %s", url, e.toString());
            }
        });
    }

    private HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        }
        return client;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
