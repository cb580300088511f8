package io.lvsdirector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The fields added for VRRP I/O are optional in JSON, take their defaults, and round-trip. */
class VrrpInstanceJsonTest {

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void olderDocumentsReadWithDefaults() throws Exception {
        VrrpInstance i = mapper.readValue("""
                {"name":"web","interface":"eth1","virtualRouterId":51,"priority":100,"version":3,"advertIntervalMs":1000}
                """, VrrpInstance.class);
        assertEquals("eth1", i.interfaceName());
        assertEquals(VrrpChecksumMode.PSEUDO_HEADER, i.checksumMode());
        assertEquals(5, i.garpRepeat());
        assertEquals(0, i.garpRefreshIntervalMs());
        assertNull(i.notifyWebhook());
    }

    @Test
    void newFieldsRoundTrip() throws Exception {
        VrrpInstance i = mapper.readValue("""
                {"name":"web","interface":"eth1","virtualRouterId":51,"priority":100,"version":3,"advertIntervalMs":100,
                 "checksumMode":"AS_V2","garpRepeat":2,"garpRefreshIntervalMs":60000,"notifyWebhook":"http://127.0.0.1:9/h"}
                """, VrrpInstance.class);
        assertEquals(VrrpChecksumMode.AS_V2, i.checksumMode());
        assertEquals(2, i.garpRepeat());
        assertEquals(60000, i.garpRefreshIntervalMs());
        JsonNode json = mapper.valueToTree(i);
        assertEquals("eth1", json.get("interface").asText());
        assertEquals(i, mapper.treeToValue(json, VrrpInstance.class));
    }
}
