package io.lvsdirector.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservabilityTest {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("alive"));
    }

    @Test
    void readinessReportsTheStateStore() {
        long revision = Long.parseLong(given().get("/api/v1/config").then().extract().header("X-Revision"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'state-store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'state-store' }.data.file", endsWith("target/test-state/state.json"))
                .body("checks.find { it.name == 'state-store' }.data.revision", equalTo((int) revision));
    }

    @Test
    void metricsFollowTheState() {
        given().header("Authorization", "Bearer test-token").contentType(ContentType.JSON)
                .body("{\"vips\":[{\"name\":\"m1\",\"address\":\"192.0.2.1\",\"prefixLength\":32},"
                        + "{\"name\":\"m2\",\"address\":\"192.0.2.2\",\"prefixLength\":32}]}")
                .put("/api/v1/config").then().statusCode(200);
        long revision = Long.parseLong(given().get("/api/v1/config").then().extract().header("X-Revision"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(revision, gauge(metrics, "lvs_state_revision"), metrics);
        assertEquals(2, gauge(metrics, "lvs_objects\\{kind=\"vips\"\\}"));
        assertEquals(0, gauge(metrics, "lvs_objects\\{kind=\"real-servers\"\\}"));
        assertTrue(metrics.contains("http_server_requests_seconds_count"), "HTTP server metrics are exported");
    }

    private static long gauge(String metrics, String nameRegex) {
        Matcher m = Pattern.compile("(?m)^" + nameRegex + " ([0-9.E]+)$").matcher(metrics);
        assertTrue(m.find(), nameRegex + " missing from\n" + metrics);
        return (long) Double.parseDouble(m.group(1));
    }
}
