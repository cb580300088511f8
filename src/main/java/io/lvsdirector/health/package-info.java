/**
 * Health checking of real servers.
 *
 * <p>Flow: {@link io.lvsdirector.health.HealthTargets} resolves which check watches a real server
 * (the real server's override, else the virtual service's default) into a
 * {@link io.lvsdirector.health.ProbeTarget}, the dedup key. {@link io.lvsdirector.health.HealthMonitor}
 * runs one {@link io.lvsdirector.health.ProbeStream} per distinct target, whatever number of virtual
 * services use it, feeds each result to a {@link io.lvsdirector.health.RiseFallTracker} and reports
 * transitions only, to {@link io.lvsdirector.health.HealthListener}s. The reconciler turns health into
 * destinations and weights with the pure {@link io.lvsdirector.health.WeightPolicy}.
 *
 * <p>I/O, no thread per check: HTTPS, UDP and DNS checks run on Vert.x (the event loops Quarkus already
 * has), which brings non-blocking TLS and cheap timers. TCP connect checks and plain HTTP checks, the most
 * numerous, run on epoll threads of their own (one per four cores, at least one) with direct socket calls on
 * sockets kept from check to check: for a bare connect or a short request and response, a framework's or even
 * a JDK channel's per-connection work would cost as much as the kernel's (see the benchmark). A connect check
 * stops at the server's SYN-ACK (SYN, SYN-ACK, RST: the server's application never sees it); an HTTP check
 * sends its request, reads the response as far as it needs ({@link io.lvsdirector.health.HttpResponseReader})
 * and resets the connection. Exec checks wait
 * for a process, which blocks: they run on a small bounded pool and are killed, with their descendants, at
 * their timeout.
 */
package io.lvsdirector.health;
