package io.lvsdirector.api.auth;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(ProtectedReadsTest.ProtectReads.class)
class ProtectedReadsTest {

    public static class ProtectReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lvs.api.protect-reads", "true");
        }
    }

    @Test
    void readsNeedTheTokenButProbesDoNot() {
        given().get("/api/v1/vips").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").get("/api/v1/config").then().statusCode(403);
        given().header("Authorization", "Bearer test-token").get("/api/v1/vips").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
