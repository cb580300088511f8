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
 * column of every value by JSON path ({@code state.vips[1].prefixLength}), and where each object
 * of each list starts, by key. Records deserialized by Jackson lose their positions, so this is
 * what lets a start-up error point an operator at the line to fix.
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

    private final Map<String, JsonLocation> byPath = new HashMap<>();
    private final Map<ObjectKey, List<JsonLocation>> objects = new HashMap<>();
    private final List<Unnamed> unnamed = new ArrayList<>();
    /** The string values of name and virtualService fields, to build keys. */
    private final Map<String, String> strings = new HashMap<>();
    private JsonToken rootToken;

    private StateFileLocations() {
    }

    static StateFileLocations scan(JsonFactory factory, byte[] json) throws IOException {
        StateFileLocations out = new StateFileLocations();
        try (JsonParser p = factory.createParser(json)) {
            out.rootToken = p.nextToken();
            if (out.rootToken != null) {
                out.walk(p, "");
            }
            // Read to the end so that trailing garbage is a syntax error with a location.
            while (p.nextToken() != null) {
                p.skipChildren();
            }
        }
        return out;
    }

    /** Records the value the parser is on (and everything inside it) under {@code path}. */
    private void walk(JsonParser p, String path) throws IOException {
        byPath.putIfAbsent(path, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING && (path.endsWith(".name") || path.endsWith(".virtualService"))) {
            strings.putIfAbsent(path, p.getText());
        }
        if (t == JsonToken.START_OBJECT) {
            String prefix = path.isEmpty() ? "" : path + ".";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                walk(p, prefix + field);
            }
        } else if (t == JsonToken.START_ARRAY) {
            ObjectKind kind = path.startsWith("state.") ? LISTS.get(path.substring(6)) : null;
            int i = 0;
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY && e != null; e = p.nextToken(), i++) {
                String at = path + "[" + i + "]";
                walk(p, at);
                if (kind != null && e == JsonToken.START_OBJECT) {
                    recordObject(kind, at);
                }
            }
        }
    }

    private void recordObject(ObjectKind kind, String at) {
        JsonLocation start = byPath.get(at);
        String name = stringAt(at + ".name");
        if (name == null) {
            unnamed.add(new Unnamed(at, start));
            return;
        }
        ObjectKey key = kind == ObjectKind.REAL_SERVER ? ObjectKey.realServer(stringAt(at + ".virtualService"), name)
                : ObjectKey.of(kind, name);
        objects.computeIfAbsent(key, k -> new ArrayList<>()).add(start);
    }

    private String stringAt(String path) {
        return strings.get(path);
    }

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

    /** Where the value at {@code path} ({@code revision}, {@code state.vips[0].name}) starts, or null. */
    JsonLocation at(String path) {
        return byPath.get(path);
    }

    /** "line 12, column 5: " or "" when unknown. */
    static String prefix(JsonLocation at) {
        return at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    /** "line 12, column 5: ", "lines 12, 40: " for a repeated object, or "" when unknown. */
    String prefix(ObjectKey key) {
        List<JsonLocation> at = key == null ? List.of() : of(key);
        if (at.isEmpty()) {
            return key == null ? prefix(at("state")) : "";
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
