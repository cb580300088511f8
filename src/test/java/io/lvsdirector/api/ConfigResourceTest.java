package io.lvsdirector.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConfigResourceTest {

    private static final String PATH = "/api/v1/config";

    @BeforeEach
    void clean() {
        Api.reset();
    }

    @Test
    void exportThenImportRoundTrips() {
        Api.createChain();
        String exported = given().get(PATH).then().statusCode(200).extract().asString();
        JsonPath before = JsonPath.from(exported);
        assertEquals("web-http", before.getString("realServers[0].virtualService"));

        Api.reset();
        given().get("/api/v1/vips").then().body("", hasSize(0));

        // the exported document (revision member included) is a valid import
        long revision = Api.revision();
        Api.authed().body(exported).put(PATH).then().statusCode(200)
                .header("X-Revision", equalTo(Long.toString(revision + 1)));
        JsonPath after = JsonPath.from(given().get(PATH).then().extract().asString());
        for (String list : new String[] {"vrrpInstances", "vips", "virtualServices", "realServers"}) {
            assertEquals(before.getList(list), after.getList(list), list);
        }
        given().get("/api/v1/virtual-services/web-http/real-servers/web-1").then().statusCode(200);
    }

    @Test
    void replaceIsOneRevisionAndDeletesWhatIsLeftOut() {
        Api.createChain();
        long revision = Api.revision();
        String onlyVip = "{\"vips\":[" + Api.vip("other", "192.0.2.50", null) + "]}";
        Api.authed().body(onlyVip).put(PATH).then().statusCode(200)
                .body("revision", equalTo((int) revision + 1))
                .body("vips.name", contains("other"))
                .body("realServers", hasSize(0));
    }

    @Test
    void invalidDocumentIsRefusedAsAWholeAndNothingIsStored() {
        Api.createChain();
        long revision = Api.revision();
        String bad = "{\"vips\":[" + Api.vip("web-vip", "192.0.2.10", "gone") + "],"
                + "\"virtualServices\":[" + Api.service("web-http", "web-vip", 80) + "],"
                + "\"realServers\":[" + Api.realServer("web-1", "10.0.0.11", 8080).replace("{", "{\"virtualService\":\"missing\",") + "]}";
        Api.authed().body(bad).put(PATH).then().statusCode(422)
                .body("errors.object", hasItem("vips/web-vip"))
                .body("errors.object", hasItem("virtual-services/missing/real-servers/web-1"));
        assertEquals(revision, Api.revision());
        given().get("/api/v1/vrrp-instances/vi-1").then().statusCode(200);
    }

    @Test
    void elementsWithoutNamesAreRefusedBeforeTheStore() {
        Api.authed().body("{\"vips\":[{\"address\":\"192.0.2.1\",\"prefixLength\":32}]}").put(PATH).then().statusCode(422)
                .body("errors[0].field", equalTo("vips[0].name"));
    }

    @Test
    void ifMatchGuardsTheWholeConfiguration() {
        String etag = given().get(PATH).then().extract().header("ETag");
        Api.authed().body(Api.vip("v", "192.0.2.1", null)).post("/api/v1/vips").then().statusCode(201);
        Api.authed().header("If-Match", etag).body("{}").put(PATH).then().statusCode(412);
        given().get("/api/v1/vips").then().body("", hasSize(1));
        String current = given().get(PATH).then().extract().header("ETag");
        Api.authed().header("If-Match", current).body("{}").put(PATH).then().statusCode(200);
        given().get("/api/v1/vips").then().body("", hasSize(0));
    }

    @Test
    void dryRunListsEveryChangeAndStoresNothing() {
        Api.createChain();
        long revision = Api.revision();
        Api.authed().queryParam("dryRun", true).body("{}").put(PATH).then().statusCode(200)
                .body("changes", hasSize(4))
                .body("changes.op", contains("delete", "delete", "delete", "delete"))
                .body("changes.path", hasItem("virtual-services/web-http/real-servers/web-1"));
        assertEquals(revision, Api.revision());
        given().get("/api/v1/vips").then().body("", hasSize(1));
    }

    @Test
    void duplicateNamesInADocumentAreRefused() {
        String doc = "{\"vips\":[" + Api.vip("a", "192.0.2.1", null) + "," + Api.vip("a", "192.0.2.2", null) + "]}";
        Api.authed().body(doc).put(PATH).then().statusCode(422).body("errors.field", hasItem("name"));
    }
}
