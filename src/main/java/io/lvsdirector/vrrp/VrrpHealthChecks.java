package io.lvsdirector.vrrp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness fails when the VRRP loop is dead (a restart is the cure); readiness reports the same and lists each
 * instance's state, so an operator sees FAULT and its reason without failing over the node for it.
 */
@ApplicationScoped
public class VrrpHealthChecks {

    @Inject
    VrrpService vrrp;

    @Produces
    @Liveness
    HealthCheck vrrpLiveness() {
        return () -> response("vrrp-worker").build();
    }

    @Produces
    @Readiness
    HealthCheck vrrpReadiness() {
        return () -> {
            HealthCheckResponseBuilder b = response("vrrp");
            vrrp.statuses().forEach((name, s) -> b.withData(name,
                    s.state() + s.problem().map(p -> " (" + p + ")").orElse("")));
            return b.build();
        };
    }

    private HealthCheckResponseBuilder response(String name) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(name).status(vrrp.healthy())
                .withData("enabled", vrrp.enabled());
        vrrp.problem().ifPresent(p -> b.withData("problem", p));
        return b;
    }
}
