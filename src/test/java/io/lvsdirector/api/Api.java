package io.lvsdirector.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Test helpers: authenticated requests, and a clean state before each test. */
final class Api {

    static final String TOKEN = "test-token";

    private Api() {
    }

    /** A request with the %test profile's token and a JSON body type. */
    static RequestSpecification authed() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON);
    }

    /** Empties the whole state in one revision, so that every test starts from nothing. */
    static void reset() {
        authed().body("{\"vrrpInstances\":[],\"vips\":[],\"virtualServices\":[],\"realServers\":[]}")
                .put("/api/v1/config").then().statusCode(200);
    }

    static long revision() {
        return Long.parseLong(given().get("/api/v1/config").then().statusCode(200).extract().header("X-Revision"));
    }

    static String vrrp(String name, int vrid) {
        return "{\"name\":\"" + name + "\",\"interface\":\"eth0\",\"virtualRouterId\":" + vrid + ",\"priority\":150,"
                + "\"version\":3,\"advertIntervalMs\":1000,\"preempt\":true,\"preemptDelayMs\":0,\"unicastPeers\":[],"
                + "\"authentication\":null,\"syncGroup\":null,\"trackInterfaces\":[]}";
    }

    static String vip(String name, String address, String instance) {
        return "{\"name\":\"" + name + "\",\"address\":\"" + address + "\",\"prefixLength\":32,\"interface\":\"eth0\","
                + "\"vrrpInstance\":" + (instance == null ? "null" : "\"" + instance + "\"") + "}";
    }

    static String service(String name, String vip, int port) {
        return "{\"name\":\"" + name + "\",\"vip\":\"" + vip + "\",\"protocol\":\"TCP\",\"port\":" + port
                + ",\"scheduler\":\"wrr\",\"schedulerFlags\":[],\"persistence\":null,\"onePacket\":false,\"forwarding\":\"NAT\"}";
    }

    static String realServer(String name, String address, int port) {
        return "{\"name\":\"" + name + "\",\"address\":\"" + address + "\",\"port\":" + port + ",\"weight\":100,"
                + "\"forwarding\":\"NAT\",\"upperThreshold\":0,\"lowerThreshold\":0,\"tunnel\":null,\"enabled\":true}";
    }

    /** vi-1, web-vip on it, web-http on that, and web-1 in it: the example chain. */
    static void createChain() {
        authed().body(vrrp("vi-1", 51)).post("/api/v1/vrrp-instances").then().statusCode(201);
        authed().body(vip("web-vip", "192.0.2.10", "vi-1")).post("/api/v1/vips").then().statusCode(201);
        authed().body(service("web-http", "web-vip", 80)).post("/api/v1/virtual-services").then().statusCode(201);
        authed().body(realServer("web-1", "10.0.0.11", 8080))
                .post("/api/v1/virtual-services/web-http/real-servers").then().statusCode(201);
    }
}
