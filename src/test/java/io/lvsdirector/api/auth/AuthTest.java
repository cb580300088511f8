package io.lvsdirector.api.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthTest {

    private static final String VIP = "{\"name\":\"auth-vip\",\"address\":\"192.0.2.77\",\"prefixLength\":32}";

    @Test
    void writesWithoutATokenAre401WithAChallenge() {
        given().contentType(ContentType.JSON).body(VIP).post("/api/v1/vips").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:lvs-director:problem:unauthorized"));
        given().contentType(ContentType.JSON).body(VIP).put("/api/v1/vips/auth-vip").then().statusCode(401);
        given().delete("/api/v1/vips/auth-vip").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").put("/api/v1/config").then().statusCode(401);
        given().header("Authorization", "Basic dGVzdDp0ZXN0").contentType(ContentType.JSON).body(VIP)
                .post("/api/v1/vips").then().statusCode(401);
        given().get("/api/v1/vips/auth-vip").then().statusCode(404);
    }

    @Test
    void writesWithAWrongTokenAre403() {
        given().header("Authorization", "Bearer test-tokeN").contentType(ContentType.JSON).body(VIP)
                .post("/api/v1/vips").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lvs-director:problem:forbidden"));
        given().header("Authorization", "Bearer test-token-longer").delete("/api/v1/vips/x").then().statusCode(403);
        given().get("/api/v1/vips/auth-vip").then().statusCode(404);
    }

    @Test
    void theRightTokenIsAccepted() {
        given().header("Authorization", "Bearer test-token").contentType(ContentType.JSON).body(VIP)
                .queryParam("dryRun", true).post("/api/v1/vips").then().statusCode(200);
        given().header("Authorization", "bearer test-token").contentType(ContentType.JSON).body(VIP)
                .queryParam("dryRun", true).post("/api/v1/vips").then().statusCode(200);
    }

    @Test
    void readsHealthAndMetricsStayOpen() {
        given().get("/api/v1/vips").then().statusCode(200);
        given().get("/api/v1/config").then().statusCode(200);
        given().get("/q/health").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void authenticationIsCheckedBeforeTheBodyIsRead() {
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/vips").then().statusCode(401);
    }
}
