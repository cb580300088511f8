package io.lvsdirector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel views on a kernel WITHOUT IPVS (the host's): the API keeps serving, reports why,
 * and readiness is down with that reason. The VM's kernel tests cover a kernel with IPVS.
 */
@QuarkusTest
@TestProfile(KernelResourceTest.IpvsEnabled.class)
class KernelResourceTest {

    public static class IpvsEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lvs.ipvs.enabled", "true", "lvs.ipvs.resync-interval", "1s");
        }
    }

    @BeforeAll
    static void kernelHasNoIpvs() {
        // Never run the reconciler against a developer's real IPVS table.
        Assumptions.assumeTrue(Files.notExists(Path.of("/proc/net/ip_vs")),
                "this host's kernel has IPVS loaded; this test covers the kernel without it (the VM tests cover IPVS)");
    }

    @Test
    void reconcileStatusSaysIpvsIsMissing() {
        given().get("/api/v1/kernel/reconcile").then().statusCode(200)
                .body("enabled", equalTo(true))
                .body("available", equalTo(false))
                .body("inSync", equalTo(false))
                .body("unavailableReason", containsString("IPVS not available in this kernel"));
    }

    @Test
    void liveViewsAnswer503ProblemWithTheReason() {
        for (String path : new String[] {"/api/v1/kernel/services", "/api/v1/kernel/plan"}) {
            given().get(path).then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:lvs-director:problem:kernel-unavailable"))
                    .body("detail", containsString("IPVS not available in this kernel"));
        }
    }

    @Test
    void readinessIsDownWithTheReasonWhileTheApiStillServes() {
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'ipvs' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'ipvs' }.data.status", containsString("IPVS not available in this kernel"))
                .body("checks.find { it.name == 'state-store' }.status", equalTo("UP"));
        given().get("/api/v1/vips").then().statusCode(200);
    }
}
