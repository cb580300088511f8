package io.lvsdirector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class VipResourceTest {

    private static final String PATH = "/api/v1/vips";

    @BeforeEach
    void clean() {
        Api.reset();
    }

    private static String etagAfterCreate(String name, String address) {
        return Api.authed().body(Api.vip(name, address, null)).post(PATH).then().statusCode(201).extract().header("ETag");
    }

    @Test
    void ifMatchWithTheCurrentEtagReplaces() {
        String etag = etagAfterCreate("web-vip", "192.0.2.10");
        Api.authed().header("If-Match", etag).body(Api.vip("web-vip", "192.0.2.20", null)).put(PATH + "/web-vip")
                .then().statusCode(200).body("address", equalTo("192.0.2.20"));
    }

    @Test
    void ifMatchWithAStaleEtagIs412AndChangesNothing() {
        String stale = etagAfterCreate("web-vip", "192.0.2.10");
        Api.authed().body(Api.vip("web-vip", "192.0.2.11", null)).put(PATH + "/web-vip").then().statusCode(200);
        long revision = Api.revision();
        Api.authed().header("If-Match", stale).body(Api.vip("web-vip", "192.0.2.12", null)).put(PATH + "/web-vip")
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:lvs-director:problem:precondition-failed"))
                .body("detail", containsString(stale));
        Api.authed().header("If-Match", stale).delete(PATH + "/web-vip").then().statusCode(412);
        given().get(PATH + "/web-vip").then().body("address", equalTo("192.0.2.11"));
        assertEquals(revision, Api.revision());
    }

    @Test
    void ifMatchStarNeedsAnExistingObject() {
        Api.authed().header("If-Match", "*").body(Api.vip("web-vip", "192.0.2.10", null)).put(PATH + "/web-vip")
                .then().statusCode(412);
        given().get(PATH).then().body("", hasSize(0));
        etagAfterCreate("web-vip", "192.0.2.10");
        Api.authed().header("If-Match", "*").body(Api.vip("web-vip", "192.0.2.30", null)).put(PATH + "/web-vip")
                .then().statusCode(200);
    }

    @Test
    void ifMatchOnDeleteWithTheCurrentEtag() {
        String etag = etagAfterCreate("web-vip", "192.0.2.10");
        Api.authed().header("If-Match", "\"999\", " + etag).delete(PATH + "/web-vip").then().statusCode(204);
        given().get(PATH + "/web-vip").then().statusCode(404);
    }

    @Test
    void dryRunsReportChangesAndStoreNothing() {
        long start = Api.revision();
        Api.authed().queryParam("dryRun", true).body(Api.vip("web-vip", "192.0.2.10", null)).post(PATH)
                .then().statusCode(200)
                .body("dryRun", equalTo(true))
                .body("revision", equalTo((int) start))
                .body("wouldBeRevision", equalTo((int) start + 1))
                .body("changes[0].op", equalTo("create"))
                .body("changes[0].kind", equalTo("vips"))
                .body("changes[0].path", equalTo("vips/web-vip"))
                .body("changes[0].before", nullValue())
                .body("changes[0].after.address", equalTo("192.0.2.10"));
        given().get(PATH).then().body("", hasSize(0));
        assertEquals(start, Api.revision());

        etagAfterCreate("web-vip", "192.0.2.10");
        long created = Api.revision();
        Api.authed().queryParam("dryRun", true).body(Api.vip("web-vip", "192.0.2.99", null)).put(PATH + "/web-vip")
                .then().statusCode(200)
                .body("changes[0].op", equalTo("update"))
                .body("changes[0].before.address", equalTo("192.0.2.10"))
                .body("changes[0].after.address", equalTo("192.0.2.99"));
        Api.authed().queryParam("dryRun", true).delete(PATH + "/web-vip")
                .then().statusCode(200)
                .body("changes[0].op", equalTo("delete"))
                .body("changes[0].after", nullValue());
        given().get(PATH + "/web-vip").then().statusCode(200).body("address", equalTo("192.0.2.10"));
        assertEquals(created, Api.revision());
    }

    @Test
    void dryRunStillValidates() {
        Api.authed().queryParam("dryRun", true).body(Api.vip("web-vip", "not-an-ip", null)).post(PATH)
                .then().statusCode(422).body("errors[0].field", equalTo("address"));
    }

    @Test
    void revisionIsMonotonic() {
        List<Long> revisions = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            revisions.add(Long.parseLong(Api.authed().body(Api.vip("v-" + i, "192.0.2." + i, null)).post(PATH)
                    .then().statusCode(201).extract().header("X-Revision")));
        }
        revisions.add(Long.parseLong(Api.authed().delete(PATH + "/v-1").then().statusCode(204).extract().header("X-Revision")));
        for (int i = 1; i < revisions.size(); i++) {
            assertTrue(revisions.get(i) > revisions.get(i - 1), revisions::toString);
        }
        given().get(PATH).then().header("X-Revision", equalTo(Long.toString(revisions.get(revisions.size() - 1))));
    }

    @Test
    void ipv4PrefixAbove32IsRefused() {
        Api.authed().body(Api.vip("web-vip", "192.0.2.10", null).replace("\"prefixLength\":32", "\"prefixLength\":64"))
                .post(PATH).then().statusCode(422)
                .body("errors[0].object", equalTo("vips/web-vip"))
                .body("errors[0].field", equalTo("prefixLength"));
        Api.authed().body(Api.vip("v6", "2001:db8::10", null).replace("\"prefixLength\":32", "\"prefixLength\":64"))
                .post(PATH).then().statusCode(201);
    }

    @Test
    void deleteOfAnUnknownVipIs404() {
        Api.authed().delete(PATH + "/nope").then().statusCode(404).body("detail", equalTo("vips/nope does not exist"));
    }

    @Test
    void deleteIsRefusedWhileAServiceUsesIt() {
        etagAfterCreate("web-vip", "192.0.2.10");
        Api.authed().body(Api.service("web-http", "web-vip", 80)).post("/api/v1/virtual-services").then().statusCode(201);
        Api.authed().body(Api.service("web-https", "web-vip", 443)).post("/api/v1/virtual-services").then().statusCode(201);
        Api.authed().delete(PATH + "/web-vip").then().statusCode(409)
                .body("referrers", contains("virtual-services/web-http", "virtual-services/web-https"));
    }
}
