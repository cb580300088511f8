package io.lvsdirector.health;

import io.lvsdirector.model.HttpCheckSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTPS GET through the Vert.x client, which brings TLS, over a fresh connection each time (a pooled connection
 * would say nothing about whether the server still accepts new ones). Up when the status is expected and the
 * body, if asked for, matches. The body is read up to {@link #MAX_BODY_BYTES}. Plain HTTP checks are made by
 * {@link PlainHttpChecker}.
 */
final class HttpChecker implements Checker {

    static final int MAX_BODY_BYTES = 1 << 20;

    private final Vertx vertx;
    /** TLS trust, SNI and source address are client options in Vert.x, so one client per combination. */
    private final Map<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<HttpCheckSpec, BodyMatcher> matchers = new ConcurrentHashMap<>();

    HttpChecker(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<CheckResult> check(ProbeTarget target) {
        HttpCheckSpec spec = target.check().http();
        int timeoutMs = target.check().timeoutMs();
        ProbeDeadline deadline = new ProbeDeadline(vertx, timeoutMs, "no response within " + timeoutMs + " ms");
        BodyMatcher body = matchers.computeIfAbsent(spec, s -> BodyMatcher.of(s.bodyPattern(), s.bodyDigest()));
        String serverName = serverName(spec);
        HttpClient client = clients.computeIfAbsent(
                new ClientKey(target.check().sourceAddress(), spec.tlsVerify(), serverName != null), this::newClient);

        String hostHeader = spec.host() != null ? spec.host() : hostLiteral(target.address(), target.port(), 443);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address()))
                // Vert.x takes the SNI name and certificate host name from here.
                .setHost(serverName != null ? serverName : target.address())
                .setPort(target.port())
                .setSsl(true)
                .setURI(spec.path())
                .setConnectTimeout(timeoutMs)
                .putHeader(HttpHeaders.HOST, hostHeader)
                .putHeader(HttpHeaders.USER_AGENT, "lvs-director-health")
                .putHeader(HttpHeaders.CONNECTION, "close");

        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        deadline.onDone(() -> {
            HttpClientRequest r = request.get();
            if (r != null) {
                r.reset(); // a no-op once the response has ended; else it drops the connection
            }
        });
        client.request(options)
                .onFailure(deadline::fail)
                .onSuccess(req -> {
                    request.set(req);
                    req.exceptionHandler(ignored -> { }); // the outcome is in the deadline; no error logs
                    if (deadline.isDone()) {
                        req.reset();
                        return;
                    }
                    req.send().onFailure(deadline::fail).onSuccess(response -> judge(response, spec, body, deadline));
                });
        return deadline.future();
    }

    private static void judge(HttpClientResponse response, HttpCheckSpec spec, BodyMatcher body,
            ProbeDeadline deadline) {
        response.exceptionHandler(deadline::fail);
        if (!spec.expectStatus().contains(response.statusCode())) {
            deadline.fail("status " + response.statusCode() + ", expected " + spec.expectStatus());
            return;
        }
        if (!body.needsBody()) {
            deadline.succeed();
            return;
        }
        Buffer collected = Buffer.buffer();
        response.handler(chunk -> {
            if (collected.length() + chunk.length() > MAX_BODY_BYTES) {
                deadline.fail("body larger than " + MAX_BODY_BYTES + " bytes");
            } else {
                collected.appendBuffer(chunk);
            }
        });
        response.endHandler(v -> {
            String mismatch = body.mismatch(collected.getBytes());
            if (mismatch == null) {
                deadline.succeed();
            } else {
                deadline.fail(mismatch);
            }
        });
    }

    /** SNI: the configured name, else the Host header's host part; none for a bare address. */
    private static String serverName(HttpCheckSpec spec) {
        if (spec.sni() != null) {
            return spec.sni();
        }
        if (spec.host() == null) {
            return null;
        }
        String host = spec.host();
        if (host.startsWith("[")) {
            return null; // an IPv6 literal
        }
        int colon = host.indexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        return name.chars().allMatch(c -> Character.isDigit(c) || c == '.') ? null : name;
    }

    /** The Host header for a bare address: an IPv6 literal in brackets, the port unless it is the default. */
    static String hostLiteral(String address, int port, int defaultPort) {
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return port == defaultPort ? host : host + ":" + port;
    }

    private HttpClient newClient(ClientKey key) {
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(false)
                .setSsl(true)
                .setForceSni(key.sni());
        if (key.verify()) {
            options.setVerifyHost(true);
        } else {
            options.setTrustAll(true).setVerifyHost(false);
        }
        if (key.sourceAddress() != null) {
            options.setLocalAddress(key.sourceAddress());
        }
        return vertx.createHttpClient(options);
    }

    void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
    }

    private record ClientKey(String sourceAddress, boolean verify, boolean sni) {
    }
}
