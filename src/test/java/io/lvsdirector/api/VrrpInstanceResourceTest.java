package io.lvsdirector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VrrpInstanceResourceTest {

    private static final String PATH = "/api/v1/vrrp-instances";

    @BeforeEach
    void clean() {
        Api.reset();
    }

    @Test
    void createGetListReplaceDelete() {
        ExtractableResponse<Response> created = Api.authed().body(Api.vrrp("vi-1", 51)).post(PATH)
                .then().statusCode(201)
                .header("Location", endsWith(PATH + "/vi-1"))
                .header("ETag", notNullValue())
                .body("name", equalTo("vi-1"))
                .body("interface", equalTo("eth0"))
                .body("advertIntervalMs", equalTo(1000))
                .extract();
        long revision = Long.parseLong(created.header("X-Revision"));
        assertEquals("\"" + revision + "\"", created.header("ETag"));

        given().get(PATH + "/vi-1").then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("virtualRouterId", equalTo(51));
        Api.authed().body(Api.vrrp("vi-2", 52)).post(PATH).then().statusCode(201);
        given().get(PATH).then().statusCode(200).body("name", contains("vi-1", "vi-2"));

        String replaced = Api.vrrp("vi-1", 51).replace("\"priority\":150", "\"priority\":200");
        Api.authed().body(replaced).put(PATH + "/vi-1").then().statusCode(200)
                .body("priority", equalTo(200))
                .header("ETag", equalTo("\"" + (revision + 2) + "\""));

        Api.authed().delete(PATH + "/vi-2").then().statusCode(204);
        given().get(PATH + "/vi-2").then().statusCode(404).contentType("application/problem+json");
        given().get(PATH).then().body("name", contains("vi-1"));
    }

    @Test
    void statusAndEventsNameTheInstanceAndSayWhenVrrpIsOff() {
        // The test profile runs no VRRP (no traffic from tests on the host): the live views say so.
        given().get(PATH + "/nope/status").then().statusCode(404);
        Api.authed().body(Api.vrrp("vi-1", 51)).post(PATH).then().statusCode(201);
        given().get(PATH + "/vi-1/status").then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("VRRP is disabled"));
        given().get(PATH + "/vi-1/events").then().statusCode(200).body("", hasSize(0));
        given().get(PATH + "/nope/events").then().statusCode(404);
    }

    @Test
    void putCreatesWhenAbsentAndIsIdempotent() {
        Api.authed().body(Api.vrrp("vi-9", 9)).put(PATH + "/vi-9").then().statusCode(201);
        long revision = Api.revision();
        Api.authed().body(Api.vrrp("vi-9", 9)).put(PATH + "/vi-9").then().statusCode(200)
                .header("X-Revision", equalTo(Long.toString(revision)));
        assertEquals(revision, Api.revision(), "an identical PUT makes no new revision");
    }

    @Test
    void postOfAnExistingNameIsAConflict() {
        Api.authed().body(Api.vrrp("vi-1", 51)).post(PATH).then().statusCode(201);
        Api.authed().body(Api.vrrp("vi-1", 52)).post(PATH).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:lvs-director:problem:already-exists"))
                .body("detail", containsString("vrrp-instances/vi-1 already exists"));
        given().get(PATH + "/vi-1").then().body("virtualRouterId", equalTo(51));
    }

    @Test
    void nameInBodyMustMatchThePath() {
        Api.authed().body(Api.vrrp("vi-1", 51)).put(PATH + "/vi-other").then().statusCode(422)
                .body("errors.field", contains("name"));
        given().get(PATH).then().body("", hasSize(0));
    }

    @Test
    void deleteIsRefusedWhileAVipRefersToTheInstance() {
        Api.authed().body(Api.vrrp("vi-1", 51)).post(PATH).then().statusCode(201);
        Api.authed().body(Api.vip("web-vip", "192.0.2.10", "vi-1")).post("/api/v1/vips").then().statusCode(201);
        Api.authed().delete(PATH + "/vi-1").then().statusCode(409)
                .body("type", equalTo("urn:lvs-director:problem:in-use"))
                .body("referrers", contains("vips/web-vip"))
                .body("detail", containsString("vips/web-vip"));
        given().get(PATH + "/vi-1").then().statusCode(200);
    }

    @Test
    void vrrpRulesAreReportedPerField() {
        String v3WithAuth = Api.vrrp("vi-1", 51)
                .replace("\"authentication\":null", "\"authentication\":{\"type\":\"PASSWORD\",\"password\":\"secret\"}")
                .replace("\"advertIntervalMs\":1000", "\"advertIntervalMs\":1005");
        Api.authed().body(v3WithAuth).post(PATH).then().statusCode(422)
                .body("errors.object", hasItem("vrrp-instances/vi-1"))
                .body("errors.field", contains("advertIntervalMs", "authentication"));
        given().get(PATH).then().body("", hasSize(0));
    }

    @Test
    void beanValidationNamesJsonFields() {
        String longInterface = Api.vrrp("vi-1", 51).replace("\"interface\":\"eth0\"", "\"interface\":\"a-very-long-interface-name\"")
                .replace("\"virtualRouterId\":51", "\"virtualRouterId\":256");
        Api.authed().body(longInterface).post(PATH).then().statusCode(422)
                .body("type", equalTo("urn:lvs-director:problem:validation-failed"))
                .body("errors.field", contains("interface", "virtualRouterId"));
    }

    @Test
    void sameVirtualRouterIdOnOneInterfaceIsRefused() {
        Api.authed().body(Api.vrrp("vi-1", 51)).post(PATH).then().statusCode(201);
        Api.authed().body(Api.vrrp("vi-2", 51)).post(PATH).then().statusCode(422)
                .body("errors[0].field", equalTo("virtualRouterId"))
                .body("errors[0].message", containsString("vrrp-instances/vi-1"));
    }
}
