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
 * <p>I/O: the network checks run on Vert.x (the event loops Quarkus already has): non-blocking
 * connects, TLS and HTTP parsing come with it, and timers are cheap, so thousands of targets need no
 * thread each. Exec checks are the exception, since waiting for a process blocks: they run on a small
 * bounded pool and are killed, with their descendants, at their timeout.
 */
package io.lvsdirector.health;
