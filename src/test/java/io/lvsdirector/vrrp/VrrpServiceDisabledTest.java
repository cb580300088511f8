package io.lvsdirector.vrrp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The application starts with VRRP wired in but disabled (the %test profile: QuarkusTests run on the host,
 * whose interfaces must never see VRRP), and health reports the VRRP checks as UP.
 */
@QuarkusTest
class VrrpServiceDisabledTest {

    @Inject
    VrrpService vrrp;

    @Test
    void disabledInTestsAndHealthy() {
        assertFalse(vrrp.enabled());
        assertTrue(vrrp.healthy());
        assertTrue(vrrp.statuses().isEmpty());
        given().when().get("/q/health/live").then().statusCode(200).body("checks.name", hasItem("vrrp-worker"));
        given().when().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("vrrp"));
    }
}
