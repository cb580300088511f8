package io.lvsdirector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VirtualServiceResourceTest {

    private static final String PATH = "/api/v1/virtual-services";

    @BeforeEach
    void clean() {
        Api.reset();
        Api.authed().body(Api.vip("web-vip", "192.0.2.10", null)).post("/api/v1/vips").then().statusCode(201);
    }

    @Test
    void createsAVipServiceAndReadsItBack() {
        Api.authed().body(Api.service("web-http", "web-vip", 80)).post(PATH).then().statusCode(201)
                .body("scheduler", equalTo("wrr"))
                .body("protocol", equalTo("TCP"));
        given().get(PATH + "/web-http").then().statusCode(200).body("port", equalTo(80));
        given().get(PATH).then().body("name", contains("web-http"));
    }

    @Test
    void createsAFirewallMarkServiceWithDefaults() {
        Api.authed().body("{\"name\":\"web-fwm\",\"fwmark\":10,\"addressFamily\":\"INET\"}").post(PATH)
                .then().statusCode(201)
                .body("scheduler", equalTo("wlc"))
                .body("forwarding", equalTo("NAT"))
                .body("onePacket", equalTo(false));
    }

    @Test
    void vipAndFwmarkTogetherAreRefused() {
        Api.authed().body("{\"name\":\"both\",\"vip\":\"web-vip\",\"protocol\":\"TCP\",\"port\":80,"
                + "\"fwmark\":10,\"addressFamily\":\"INET\"}").post(PATH)
                .then().statusCode(422)
                .body("errors.field", contains("port", "protocol", "vip"));
        given().get(PATH).then().body("", hasSize(0));
    }

    @Test
    void unknownVipIsRefused() {
        Api.authed().body(Api.service("web-http", "no-such-vip", 80)).post(PATH).then().statusCode(422)
                .body("errors[0].field", equalTo("vip"))
                .body("errors[0].message", containsString("vips/no-such-vip"));
    }

    @Test
    void vipProtocolPortMustBeUnique() {
        Api.authed().body(Api.service("web-http", "web-vip", 80)).post(PATH).then().statusCode(201);
        Api.authed().body(Api.service("web-http-2", "web-vip", 80)).post(PATH).then().statusCode(422)
                .body("errors[0].message", containsString("already served by"));
    }

    @Test
    void schedulerFlagsMustBelongToTheScheduler() {
        String body = Api.service("web-http", "web-vip", 80).replace("\"schedulerFlags\":[]", "\"schedulerFlags\":[\"sh-port\"]");
        Api.authed().body(body).post(PATH).then().statusCode(422)
                .body("errors[0].field", equalTo("schedulerFlags[0]"));
        Api.authed().body(body.replace("\"wrr\"", "\"sh\"")).post(PATH).then().statusCode(201)
                .body("schedulerFlags", contains("sh-port"));
    }

    @Test
    void persistenceNetmaskIsChecked() {
        String body = Api.service("web-http", "web-vip", 80)
                .replace("\"persistence\":null", "\"persistence\":{\"timeoutSeconds\":300,\"netmask\":\"255.0.255.0\"}");
        Api.authed().body(body).post(PATH).then().statusCode(422)
                .body("errors[0].field", equalTo("persistence.netmask"));
    }

    @Test
    void unknownSchedulerNamesTheAllowedValues() {
        Api.authed().body(Api.service("web-http", "web-vip", 80).replace("\"wrr\"", "\"roundrobin\"")).post(PATH)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("scheduler"))
                .body("errors[0].message", containsString("rr, wrr, lc, wlc"));
    }

    @Test
    void deleteIsRefusedWhileRealServersRemain() {
        Api.authed().body(Api.service("web-http", "web-vip", 80)).post(PATH).then().statusCode(201);
        Api.authed().body(Api.realServer("web-1", "10.0.0.11", 8080)).post(PATH + "/web-http/real-servers")
                .then().statusCode(201);
        Api.authed().delete(PATH + "/web-http").then().statusCode(409)
                .body("referrers", contains("virtual-services/web-http/real-servers/web-1"));
        Api.authed().delete(PATH + "/web-http/real-servers/web-1").then().statusCode(204);
        Api.authed().delete(PATH + "/web-http").then().statusCode(204);
    }

    @Test
    void replacingAServiceKeepsItsRealServers() {
        Api.authed().body(Api.service("web-http", "web-vip", 80)).post(PATH).then().statusCode(201);
        Api.authed().body(Api.realServer("web-1", "10.0.0.11", 8080)).post(PATH + "/web-http/real-servers")
                .then().statusCode(201);
        Api.authed().body(Api.service("web-http", "web-vip", 80).replace("\"wrr\"", "\"lc\"")).put(PATH + "/web-http")
                .then().statusCode(200).body("scheduler", equalTo("lc"));
        given().get(PATH + "/web-http/real-servers").then().body("name", contains("web-1"));
    }
}
