package io.lvsdirector.ipvs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the kernel holds the latest desired state; says why not otherwise. */
@Readiness
@ApplicationScoped
public class IpvsReadiness implements HealthCheck {

    @Inject
    IpvsService ipvs;

    @Override
    public HealthCheckResponse call() {
        ReconcileStatus s = ipvs.status();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("ipvs");
        if (!s.enabled()) {
            return b.up().withData("status", s.unavailableReason()).build();
        }
        if (!s.available()) {
            return b.down().withData("status", s.unavailableReason()).build();
        }
        ReconcileResult r = s.lastResult();
        if (r == null) {
            return b.down().withData("status", "first reconcile pending").build();
        }
        b.withData("desiredRevision", s.desiredRevision()).withData("reconciledRevision", r.stateRevision())
                .withData("failures", r.failures().size()).withData("foreignServices", r.foreign().size());
        if (s.inSync()) {
            return b.up().withData("status", "kernel in sync").build();
        }
        return b.down().withData("status", r.failures().isEmpty() ? "reconcile pending"
                : "kernel out of sync: " + r.failures().get(0).object() + ": " + r.failures().get(0).reason()).build();
    }
}
