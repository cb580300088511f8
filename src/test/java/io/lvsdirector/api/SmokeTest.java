package io.lvsdirector.api;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SmokeTest {
    @Test
    void smoke() {
        Api.reset();
        Api.createChain();
        given().get("/api/v1/config").then().log().all();
        Api.authed().body("{\"name\":\"x\",\"adress\":1}").post("/api/v1/vips").then().log().all();
        Api.authed().body("{\"name\":\"x\",").post("/api/v1/vips").then().log().all();
        Api.authed().body("{\"name\":\"x\",\"address\":\"1.2.3.4\",\"prefixLength\":32,\"vrrpInstance\":\"nope\"}").post("/api/v1/vips").then().log().all();
        Api.authed().body("{\"name\":\"x\",\"vip\":\"web-vip\",\"protocol\":\"XTP\"}").post("/api/v1/virtual-services").then().log().all();
        Api.authed().body("{\"name\":\"x\",\"vip\":\"web-vip\",\"schedulerFlags\":[\"sh-port\",\"bad\"]}").post("/api/v1/virtual-services").then().log().all();
        Api.authed().body("{\"name\":\"x\",\"port\":\"abc\"}").post("/api/v1/virtual-services").then().log().all();
        Api.authed().body("{\"name\":\"X\",\"interface\":\"" + "a".repeat(20) + "\"}").post("/api/v1/vrrp-instances").then().log().all();
        Api.authed().delete("/api/v1/vips/web-vip").then().log().all();
        Api.authed().patch("/api/v1/vips/web-vip").then().log().all();
        given().get("/api/v1/nothing").then().log().all();
        given().get("/api/v1/vips/nothing").then().log().all();
        Api.authed().contentType("text/plain").body("x").post("/api/v1/vips").then().log().all();
        given().contentType("application/json").body("{").post("/api/v1/vips").then().log().all();
        given().header("Authorization", "Bearer nope").contentType("application/json").body("{").post("/api/v1/vips").then().log().all();
        Api.authed().body(Api.vip("v2", "192.0.2.11", null)).queryParam("dryRun", true).post("/api/v1/vips").then().log().all();
        Api.authed().header("If-Match", "\"1\"").body(Api.vip("web-vip", "192.0.2.10", null)).put("/api/v1/vips/web-vip").then().log().all();
        given().get("/q/health/ready").then().log().all();
        given().get("/q/metrics").then().extract().body().asString().lines().filter(l -> l.contains("lvs_")).forEach(System.out::println);
    }
}
