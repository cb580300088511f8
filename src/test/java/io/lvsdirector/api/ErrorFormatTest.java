package io.lvsdirector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rejection is problem+json with the field and the reason, and leaves the state untouched. */
@QuarkusTest
class ErrorFormatTest {

    private static final String PROBLEM = "application/problem+json";
    private long revision;

    @BeforeEach
    void clean() {
        Api.reset();
        revision = Api.revision();
    }

    @AfterEach
    void nothingWasStored() {
        assertEquals(revision, Api.revision(), "a rejected request must not make a revision");
    }

    @Test
    void malformedJsonIs400() {
        Api.authed().body("{\"name\":\"web-vip\",").post("/api/v1/vips").then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:lvs-director:problem:malformed-request"))
                .body("title", equalTo("Malformed request"))
                .body("detail", containsString("not valid JSON"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/vips"));
    }

    @Test
    void unknownFieldIsNamed() {
        Api.authed().body("{\"name\":\"web-vip\",\"address\":\"192.0.2.1\",\"prefixLength\":32,\"colour\":\"red\"}")
                .post("/api/v1/vips").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:lvs-director:problem:unknown-field"))
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", containsString("prefixLength"));
    }

    @Test
    void unknownNestedFieldIsNamedWithItsPath() {
        Api.authed().body(Api.vip("web-vip", "192.0.2.1", null)).post("/api/v1/vips").then().statusCode(201);
        revision = Api.revision();
        String body = Api.service("web-http", "web-vip", 80)
                .replace("\"persistence\":null", "\"persistence\":{\"timeoutSeconds\":60,\"mask\":\"255.255.255.0\"}");
        Api.authed().body(body).post("/api/v1/virtual-services").then().statusCode(400)
                .body("errors[0].field", equalTo("persistence.mask"));
    }

    @Test
    void wrongEnumValueListsTheAllowedOnes() {
        String body = Api.realServer("web-1", "10.0.0.1", 80).replace("\"NAT\"", "\"MASQ\"");
        Api.authed().body("{\"realServers\":[" + body + "]}").put("/api/v1/config").then().statusCode(400)
                .body("type", equalTo("urn:lvs-director:problem:invalid-value"))
                .body("errors[0].field", equalTo("realServers[0].forwarding"))
                .body("errors[0].message", equalTo("must be one of [NAT, DR, TUN]"));
    }

    @Test
    void wrongTypeIsNamed() {
        Api.authed().body("{\"name\":\"v\",\"address\":\"192.0.2.1\",\"prefixLength\":\"wide\"}").post("/api/v1/vips")
                .then().statusCode(400).body("errors[0].field", equalTo("prefixLength"));
    }

    @Test
    void missingBodyIs400() {
        Api.authed().post("/api/v1/vips").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void unknownPathIs404() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:lvs-director:problem:not-found"));
        given().get("/api/v1/vips/unknown").then().statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("vips/unknown does not exist"));
    }

    @Test
    void wrongMethodIs405() {
        Api.authed().body("{}").post("/api/v1/vips/some-name").then().statusCode(405).contentType(PROBLEM)
                .body("type", equalTo("urn:lvs-director:problem:method-not-allowed"));
        Api.authed().delete("/api/v1/config").then().statusCode(405).contentType(PROBLEM);
    }

    @Test
    void wrongMediaTypeIs415() {
        Api.authed().contentType("text/plain").body("name=web").post("/api/v1/vips").then().statusCode(415)
                .contentType(PROBLEM).body("status", equalTo(415));
    }

    @Test
    void violationsNameObjectAndField() {
        Api.authed().body(Api.vip("web-vip", "web.example.com", null)).post("/api/v1/vips").then().statusCode(422)
                .contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].object", equalTo("vips/web-vip"))
                .body("errors[0].field", equalTo("address"))
                .body("errors[0].message", containsString("address literal"));
    }
}
