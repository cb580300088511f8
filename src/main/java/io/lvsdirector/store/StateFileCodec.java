package io.lvsdirector.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The on-disk form of a {@link StoredState}: indented JSON with a format version, the revision,
 * the desired state (lists sorted by name, so equal states give equal bytes) and the revision
 * that last changed each object. Decoding reports every problem with the line and column it is at.
 *
 * <pre>
 * {
 *   "format" : 1,
 *   "revision" : 42,
 *   "state" : { "vrrpInstances" : [ ... ], "vips" : [ ... ], "virtualServices" : [ ... ], "realServers" : [ ... ] },
 *   "objectRevisions" : { "vips/web-vip" : 3, "virtual-services/web-http/real-servers/web-1" : 42 }
 * }
 * </pre>
 */
final class StateFileCodec {

    /** The format this code writes and reads. Bump it when a change would mislead older readers. */
    static final int FORMAT = 1;

    @JsonPropertyOrder({"format", "revision", "state", "objectRevisions"})
    @RegisterForReflection // read and written by Jackson: a native image must keep its constructor and accessors
    record StateFile(Integer format, Long revision, DesiredState state, Map<String, Long> objectRevisions) {
    }

    /** A decoded file: the state and where its objects are, for reporting violations. */
    record Decoded(StoredState state, StateFileLocations locations) {
    }

    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final ObjectReader reader;

    StateFileCodec() {
        this(new ObjectMapper());
    }

    /**
     * @param base supplies registered modules; the features that make the file strict and stable
     *             are set here so that the REST layer's Jackson settings cannot change the format
     */
    StateFileCodec(ObjectMapper base) {
        this.mapper = base.copy()
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // A repeated field would otherwise silently win over the first; copy() gave us our own factory.
        this.mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, false);
        // Only record components are state: a helper like VirtualService.isFwmark() must not be
        // written as a property (it would clash with the fwmark component).
        this.mapper.setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        this.writer = mapper.writerFor(StateFile.class);
        this.reader = mapper.readerFor(StateFile.class);
    }

    byte[] encode(StoredState s) {
        Map<String, Long> revs = new TreeMap<>();
        s.objectRevisions().forEach((k, v) -> revs.put(k.toString(), v));
        try {
            byte[] json = writer.writeValueAsBytes(new StateFile(FORMAT, s.revision(), s.state(), revs));
            byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
            out[json.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode state revision " + s.revision(), e);
        }
    }

    /**
     * Parses and checks the structure of a state file (not the rules of the state: see
     * {@link StateValidation}).
     *
     * @throws StateFileException naming the file, the line and the problem
     */
    Decoded decode(Path file, byte[] bytes) {
        StateFileLocations locations;
        try {
            locations = StateFileLocations.scan(mapper.getFactory(), bytes);
        } catch (JsonProcessingException e) {
            throw new StateFileException(file, located(e, "not valid JSON (truncated or corrupt?)"), e);
        } catch (IOException e) {
            throw new StateFileException(file, "cannot be parsed: " + e.getMessage(), e);
        }
        if (locations.isEmpty()) {
            throw new StateFileException(file, "the file is empty (an interrupted copy or a corrupt disk?)", null);
        }
        if (!locations.isObject()) {
            throw new StateFileException(file, "line 1: expected a JSON object", null);
        }
        if (!locations.unnamed().isEmpty()) {
            throw new StateFileException(file, locations.unnamed().stream()
                    .map(u -> StateFileLocations.prefix(u.location()) + u.path() + ": has no name")
                    .collect(Collectors.joining("; ")), null);
        }
        StateFile sf;
        try {
            sf = reader.readValue(bytes);
        } catch (JsonMappingException e) {
            // Jackson's own location can be past the culprit (records are built after their last
            // field is read); the path pins the value itself.
            String path = path(e);
            JsonLocation at = locations.at(path);
            throw new StateFileException(file, StateFileLocations.prefix(at != null ? at : e.getLocation())
                    + "cannot read " + path + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StateFileException(file, "cannot be parsed: " + e.getMessage(), e);
        }
        return new Decoded(toStoredState(file, sf, locations), locations);
    }

    private static StoredState toStoredState(Path file, StateFile sf, StateFileLocations at) {
        if (sf.format() == null) {
            throw new StateFileException(file, "line 1: no \"format\" field; is this a state file?", null);
        }
        if (sf.format() != FORMAT) {
            throw new StateFileException(file, StateFileLocations.prefix(at.at("format")) + "format "
                    + sf.format() + " is not supported (this version reads format " + FORMAT + ")", null);
        }
        if (sf.revision() == null || sf.revision() < 0) {
            throw new StateFileException(file, StateFileLocations.prefix(at.at("revision"))
                    + "\"revision\" must be a number >= 0", null);
        }
        long revision = sf.revision();
        DesiredState state = sf.state() == null ? DesiredState.EMPTY : sf.state();
        Map<String, Long> stored = sf.objectRevisions() == null ? Map.of() : sf.objectRevisions();
        List<String> problems = new ArrayList<>();
        Map<ObjectKey, Long> revs = new HashMap<>();
        Set<ObjectKey> keys = StateDiff.keysOf(state);
        for (ObjectKey key : keys) {
            Long r = stored.get(key.toString());
            if (r == null) {
                // An object added by hand: it was last changed no later than the file's revision.
                revs.put(key, revision);
            } else if (r < 1 || r > revision) {
                problems.add(StateFileLocations.prefix(at.at("objectRevisions." + key)) + "objectRevisions."
                        + key + " is " + r + ", outside 1.." + revision + " (the file's revision)");
            } else {
                revs.put(key, r);
            }
        }
        Set<String> names = keys.stream().map(ObjectKey::toString).collect(Collectors.toSet());
        stored.keySet().stream().filter(k -> !names.contains(k)).sorted().forEach(k -> problems.add(
                StateFileLocations.prefix(at.at("objectRevisions." + k)) + "objectRevisions names " + k
                        + ", which is not in the state"));
        if (!problems.isEmpty()) {
            throw new StateFileException(file, String.join("; ", problems), null);
        }
        return new StoredState(revision, state, revs);
    }

    /** One message for a list of violations, each with the line its object starts on. */
    static String describe(List<Violation> violations, StateFileLocations at) {
        return "invalid state (" + violations.size() + (violations.size() == 1 ? " problem" : " problems") + "): "
                + violations.stream().map(v -> at.prefix(v.object()) + v).collect(Collectors.joining("; "));
    }

    private static String located(JsonProcessingException e, String what) {
        JsonLocation loc = e.getLocation();
        return StateFileLocations.prefix(loc) + what + ": " + e.getOriginalMessage();
    }

    /** Jackson's reference path as a JSON path: state.vips[0].prefixLength */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "the file" : sb.toString();
    }
}
