package io.lvsdirector.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * openapi/openapi.yaml is the published contract: it must equal what the service serves. After a
 * deliberate API change, regenerate it with {@code ./mvnw test -Dtest=OpenApiDocumentTest -Dlvs.openapi.update=true}
 * and review the diff.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path CHECKED_IN = Path.of("openapi", "openapi.yaml");

    @Test
    void checkedInDocumentMatchesTheGeneratedOne() throws IOException {
        String generated = normalize(given().queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        if (Boolean.getBoolean("lvs.openapi.update")) {
            Files.createDirectories(CHECKED_IN.getParent());
            Files.writeString(CHECKED_IN, generated, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(CHECKED_IN)) {
            fail(CHECKED_IN + " is missing; create it with: ./mvnw test -Dtest=OpenApiDocumentTest -Dlvs.openapi.update=true");
        }
        String checkedIn = normalize(Files.readString(CHECKED_IN, StandardCharsets.UTF_8));
        if (!checkedIn.equals(generated)) {
            fail(CHECKED_IN + " differs from the OpenAPI document the service generates (first difference: "
                    + firstDifference(checkedIn, generated) + "). If the API change is intended, regenerate it with: "
                    + "./mvnw test -Dtest=OpenApiDocumentTest -Dlvs.openapi.update=true  and commit the result.");
        }
    }

    @Test
    void documentDescribesTheApi() {
        String doc = given().queryParam("format", "yaml").get("/q/openapi").then().extract().asString();
        for (String expected : List.of("/api/v1/vips/{name}:", "/api/v1/virtual-services/{service}/real-servers:",
                "/api/v1/config:", "title: LVS Director API", "application/problem+json", "bearer", "example")) {
            assertTrue(doc.contains(expected), () -> "the OpenAPI document lacks " + expected);
        }
    }

    private static String normalize(String s) {
        String unix = s.replace("\r\n", "\n").stripTrailing();
        return unix + "\n";
    }

    private static String firstDifference(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            String l = i < x.size() ? x.get(i) : "<end>";
            String r = i < y.size() ? y.get(i) : "<end>";
            if (!l.equals(r)) {
                return "line " + (i + 1) + ": checked in \"" + l.strip() + "\", generated \"" + r.strip() + "\"";
            }
        }
        return "none";
    }
}
