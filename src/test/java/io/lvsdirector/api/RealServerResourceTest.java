package io.lvsdirector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RealServerResourceTest {

    private static final String PATH = "/api/v1/virtual-services/web-http/real-servers";

    @BeforeEach
    void clean() {
        Api.reset();
        Api.authed().body(Api.vip("web-vip", "192.0.2.10", null)).post("/api/v1/vips").then().statusCode(201);
        Api.authed().body(Api.service("web-http", "web-vip", 80)).post("/api/v1/virtual-services").then().statusCode(201);
        Api.authed().body(Api.service("web-https", "web-vip", 443)).post("/api/v1/virtual-services").then().statusCode(201);
    }

    @Test
    void createGetListReplaceDelete() {
        String etag = Api.authed().body(Api.realServer("web-1", "10.0.0.11", 8080)).post(PATH).then().statusCode(201)
                .header("Location", endsWith(PATH + "/web-1"))
                .body("virtualService", equalTo("web-http"))
                .body("weight", equalTo(100))
                .extract().header("ETag");
        given().get(PATH + "/web-1").then().statusCode(200).header("ETag", equalTo(etag)).body("port", equalTo(8080));
        Api.authed().body(Api.realServer("web-2", "10.0.0.12", 8080)).post(PATH).then().statusCode(201);
        given().get(PATH).then().body("name", contains("web-1", "web-2"));
        Api.authed().header("If-Match", etag)
                .body(Api.realServer("web-1", "10.0.0.11", 8080).replace("\"enabled\":true", "\"enabled\":false"))
                .put(PATH + "/web-1").then().statusCode(200).body("enabled", equalTo(false));
        Api.authed().delete(PATH + "/web-2").then().statusCode(204);
        given().get(PATH).then().body("name", contains("web-1"));
    }

    @Test
    void readsShowLiveHealthAndABodyReadBackCanBeSentAgain() {
        Api.authed().body(Api.realServer("web-1", "10.0.0.11", 8080)).post(PATH).then().statusCode(201);
        given().get(PATH).then().statusCode(200).body("[0].health.state", equalTo("UNKNOWN"));
        String read = given().get(PATH + "/web-1").then().statusCode(200)
                .body("health.state", equalTo("UNKNOWN")).extract().asString();
        Api.authed().body(read).put(PATH + "/web-1").then().statusCode(200);
        String file = Api.authed().get("/api/v1/config").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(file.contains("\"health\""), "health is never stored: " + file);
    }

    @Test
    void namesAreScopedByService() {
        Api.authed().body(Api.realServer("web-1", "10.0.0.11", 8080)).post(PATH).then().statusCode(201);
        Api.authed().body(Api.realServer("web-1", "10.0.0.11", 8443))
                .post("/api/v1/virtual-services/web-https/real-servers").then().statusCode(201);
        given().get(PATH).then().body("", hasSize(1)).body("[0].port", equalTo(8080));
        given().get("/api/v1/virtual-services/web-https/real-servers/web-1").then().body("port", equalTo(8443));
        Api.authed().body(Api.realServer("web-1", "10.0.0.13", 8080)).post(PATH).then().statusCode(409);
    }

    @Test
    void defaultsApplyWhenFieldsAreLeftOut() {
        Api.authed().body("{\"name\":\"web-1\",\"address\":\"10.0.0.11\"}").post(PATH).then().statusCode(201)
                .body("weight", equalTo(1))
                .body("enabled", equalTo(true))
                .body("upperThreshold", equalTo(0));
    }

    @Test
    void unknownServiceIs404() {
        given().get("/api/v1/virtual-services/nope/real-servers").then().statusCode(404)
                .body("detail", equalTo("virtual-services/nope does not exist"));
        Api.authed().body(Api.realServer("web-1", "10.0.0.11", 8080)).post("/api/v1/virtual-services/nope/real-servers")
                .then().statusCode(404);
        Api.authed().body(Api.realServer("web-1", "10.0.0.11", 8080)).put("/api/v1/virtual-services/nope/real-servers/web-1")
                .then().statusCode(404);
        given().get(PATH + "/nope").then().statusCode(404).body("detail", containsString("real-servers/nope"));
    }

    @Test
    void bodyMustNotNameAnotherService() {
        String body = Api.realServer("web-1", "10.0.0.11", 8080).replace("{", "{\"virtualService\":\"web-https\",");
        Api.authed().body(body).post(PATH).then().statusCode(422).body("errors[0].field", equalTo("virtualService"));
    }

    @Test
    void directRoutingCannotRewriteThePort() {
        String dr = Api.realServer("web-1", "10.0.0.11", 8080).replace("\"NAT\"", "\"DR\"");
        Api.authed().body(dr).post(PATH).then().statusCode(422)
                .body("errors[0].object", equalTo("virtual-services/web-http/real-servers/web-1"))
                .body("errors[0].field", equalTo("port"));
        Api.authed().body(dr.replace("8080", "80")).post(PATH).then().statusCode(201);
    }

    @Test
    void addressFamilyMustMatchTheService() {
        Api.authed().body(Api.realServer("web-1", "2001:db8::11", 8080)).post(PATH).then().statusCode(422)
                .body("errors[0].field", equalTo("address"))
                .body("errors[0].message", containsString("INET6"));
    }

    @Test
    void thresholdsMustBeOrdered() {
        String body = Api.realServer("web-1", "10.0.0.11", 8080)
                .replace("\"upperThreshold\":0", "\"upperThreshold\":10").replace("\"lowerThreshold\":0", "\"lowerThreshold\":20");
        Api.authed().body(body).post(PATH).then().statusCode(422).body("errors[0].field", equalTo("lowerThreshold"));
    }

    @Test
    void tunnelNeedsTunForwardingAndGueNeedsAPort() {
        String gue = Api.realServer("web-1", "10.0.0.11", 80).replace("\"NAT\"", "\"TUN\"")
                .replace("\"tunnel\":null", "\"tunnel\":{\"type\":\"gue\"}");
        Api.authed().body(gue).post(PATH).then().statusCode(422).body("errors[0].field", equalTo("tunnel.port"));
        Api.authed().body(gue.replace("{\"type\":\"gue\"}", "{\"type\":\"gue\",\"port\":6080}")).post(PATH)
                .then().statusCode(201).body("tunnel.port", equalTo(6080)).body("tunnel.checksum", equalTo("NONE"));
    }

    @Test
    void weightAboveRangeIsABeanValidationError() {
        Api.authed().body(Api.realServer("web-1", "10.0.0.11", 8080).replace("\"weight\":100", "\"weight\":70000"))
                .post(PATH).then().statusCode(422).body("errors[0].field", equalTo("weight"));
    }
}
