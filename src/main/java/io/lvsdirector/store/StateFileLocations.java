package io.lvsdirector.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.ObjectKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where things are in a state file, found by one streaming pass over its bytes: the line and
 * column at which each object of each list starts, and where each top-level field and each
 * {@code objectRevisions} entry is. Records deserialized by Jackson lose their positions, so
 * this is what lets a start-up error point an operator at the line to fix.
 *
 * <p>The pass also checks the JSON syntax; a syntax error surfaces as Jackson's
 * {@link com.fasterxml.jackson.core.JsonProcessingException}, which carries its own location.
 */
final class StateFileLocations {

    /** The lists of {@code DesiredState} by JSON field name. */
    private static final Map<String, ObjectKind> LISTS = Map.of(
            "vrrpInstances", ObjectKind.VRRP_INSTANCE,
            "vips", ObjectKind.VIP,
            "virtualServices", ObjectKind.VIRTUAL_SERVICE,
            "realServers", ObjectKind.REAL_SERVER);

    /** An element of a list that has no (string) name, so no key. */
    record Unnamed(String path, JsonLocation location) {
    }

    private final Map<ObjectKey, List<JsonLocation>> objects = new HashMap<>();
    private final Map<String, JsonLocation> topLevel = new HashMap<>();
    private final Map<String, JsonLocation> objectRevisions = new HashMap<>();
    private final List<Unnamed> unnamed = new ArrayList<>();
    private JsonToken rootToken;

    private StateFileLocations() {
    }

    static StateFileLocations scan(JsonFactory factory, byte[] json) throws IOException {
        StateFileLocations out = new StateFileLocations();
        try (JsonParser p = factory.createParser(json)) {
            out.rootToken = p.nextToken();
            if (out.rootToken == JsonToken.START_OBJECT) {
                out.scanRoot(p);
            } else if (out.rootToken != null) {
                p.skipChildren();
            }
            // Read to the end so that trailing garbage is a syntax error with a location.
            while (p.nextToken() != null) {
                p.skipChildren();
            }
        }
        return out;
    }

    private void scanRoot(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            topLevel.putIfAbsent(field, p.currentTokenLocation());
            if ("state".equals(field) && value == JsonToken.START_OBJECT) {
                scanState(p);
            } else if ("objectRevisions".equals(field) && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    objectRevisions.putIfAbsent(p.currentName(), p.currentTokenLocation());
                    p.nextToken();
                    p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private void scanState(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            ObjectKind kind = LISTS.get(field);
            if (kind != null && value == JsonToken.START_ARRAY) {
                scanList(p, field, kind);
            } else {
                p.skipChildren();
            }
        }
    }

    private void scanList(JsonParser p, String field, ObjectKind kind) throws IOException {
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken(), index++) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            JsonLocation start = p.currentTokenLocation();
            String name = null;
            String service = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING && "name".equals(f)) {
                    name = p.getText();
                } else if (v == JsonToken.VALUE_STRING && "virtualService".equals(f)) {
                    service = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                unnamed.add(new Unnamed("state." + field + "[" + index + "]", start));
            } else {
                ObjectKey key = kind == ObjectKind.REAL_SERVER ? ObjectKey.realServer(service, name)
                        : ObjectKey.of(kind, name);
                objects.computeIfAbsent(key, k -> new ArrayList<>()).add(start);
            }
        }
    }

    /** True when the document is a JSON object (and not, say, an array or a bare number). */
    boolean isObject() {
        return rootToken == JsonToken.START_OBJECT;
    }

    boolean isEmpty() {
        return rootToken == null;
    }

    List<Unnamed> unnamed() {
        return unnamed;
    }

    /** Where each definition of {@code key} starts; more than one when the file repeats a name. */
    List<JsonLocation> of(ObjectKey key) {
        return objects.getOrDefault(key, List.of());
    }

    /** Where the value of top-level field {@code name} starts, or null if absent. */
    JsonLocation topLevel(String name) {
        return topLevel.get(name);
    }

    /** Where the {@code objectRevisions} entry named {@code key} is, or null. */
    JsonLocation objectRevision(String key) {
        return objectRevisions.get(key);
    }

    /** "line 12, column 5: " or "" when unknown. */
    static String prefix(JsonLocation at) {
        return at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    /** "line 12, column 5: ", "lines 12, 40: " for a repeated object, or "" when unknown. */
    String prefix(ObjectKey key) {
        List<JsonLocation> at = key == null ? List.of() : of(key);
        if (at.isEmpty()) {
            return key == null ? prefix(topLevel("state")) : "";
        }
        if (at.size() == 1) {
            return prefix(at.get(0));
        }
        StringBuilder sb = new StringBuilder("lines ");
        for (int i = 0; i < at.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(at.get(i).getLineNr());
        }
        return sb.append(": ").toString();
    }
}
