package io.lvsdirector.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.model.HealthState;
import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.OnFailure;
import io.lvsdirector.model.Quorum;
import io.lvsdirector.model.SorryServer;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** The health configuration reads the issue's JSON as written, with defaults, and validates. */
class HealthConfigJsonTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private Set<String> violations(Object o) {
        return validator.validate(o).stream().map(v -> v.getPropertyPath() + " " + v.getMessage())
                .collect(Collectors.toSet());
    }

    @Test
    void readsTheIssueExampleAndFillsDefaults() throws Exception {
        HealthCheck c = json.readValue("""
                {"type": "HTTP", "intervalMs": 1000, "timeoutMs": 500, "rise": 2, "fall": 2,
                 "http": {"path": "/health", "host": null, "expectStatus": [200], "bodyPattern": null,
                          "tlsVerify": true}}""", HealthCheck.class);
        assertEquals(CheckType.HTTP, c.type());
        assertEquals("/health", c.http().path());
        assertEquals(List.of(200), c.http().expectStatus());
        assertEquals(HealthState.UP, c.initialState());
        assertTrue(violations(c).isEmpty(), violations(c).toString());

        assertEquals(OnFailure.REMOVE, json.readValue("\"REMOVE\"", OnFailure.class));
        assertEquals(new Quorum(2, 0), json.readValue("{\"minUp\": 2, \"hysteresis\": 0}", Quorum.class));
        assertEquals(new SorryServer("10.0.0.99", 8080),
                json.readValue("{\"address\": \"10.0.0.99\", \"port\": 8080}", SorryServer.class));

        HealthCheck minimal = json.readValue("{\"type\": \"HTTPS\"}", HealthCheck.class);
        assertEquals("/", minimal.http().path());
        assertTrue(minimal.http().tlsVerify());
        assertEquals(1000, minimal.intervalMs());
    }

    @Test
    void writesNoExtraPropertiesSoThatItReadsBackEqual() throws Exception {
        HealthCheck c = Fixtures.tcp();
        String written = json.writeValueAsString(c);
        assertFalse(written.contains("specPresentForType"), written);
        assertEquals(c, json.readValue(written, HealthCheck.class));
        HealthStatus s = new HealthStatus(HealthState.DOWN, Instant.parse("2026-01-01T00:00:00Z"), 1.5, "refused",
                0, 3, null);
        String status = json.writeValueAsString(s);
        assertTrue(status.contains("\"state\":\"DOWN\"") && status.contains("\"lastCheck\":\"2026-01-01T00:00:00Z\""),
                status);
        assertFalse(status.contains("\"up\""), status);
    }

    @Test
    void rejectsChecksWithoutTheirSubObjectAndOutOfRangeValues() throws Exception {
        assertTrue(violations(json.readValue("{\"type\": \"DNS\"}", HealthCheck.class)).stream()
                .anyMatch(v -> v.startsWith("specPresentForType")));
        assertTrue(violations(json.readValue("{\"type\": \"EXEC\", \"exec\": {\"command\": []}}", HealthCheck.class))
                .stream().anyMatch(v -> v.startsWith("exec.command")));
        Set<String> bad = violations(json.readValue("""
                {"type": "HTTP", "intervalMs": 1, "rise": 0, "port": 70000,
                 "http": {"path": "health", "expectStatus": [99], "bodyDigest": "sha1:00",
                          "host": "svc.example\\r\\nX-Injected: 1"}}""", HealthCheck.class));
        for (String field : List.of("intervalMs", "rise", "port", "http.path", "http.expectStatus", "http.bodyDigest",
                "http.host")) {
            assertTrue(bad.stream().anyMatch(v -> v.startsWith(field)), field + " in " + bad);
        }
        assertTrue(violations(json.readValue("{\"type\": \"TCP\", \"initialState\": \"UNKNOWN\"}",
                HealthCheck.class)).stream().anyMatch(v -> v.startsWith("initialStateDecided")));
        assertNull(json.readValue("{\"type\": \"TCP\"}", HealthCheck.class).http());
    }
}
