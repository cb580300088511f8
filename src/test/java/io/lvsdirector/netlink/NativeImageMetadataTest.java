package io.lvsdirector.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The native-image metadata for jnr-ffi and jffi (META-INF/native-image/.../reachability-metadata.json) names
 * classes, members and resources as strings: a typo or a renamed binding would only show in a native build,
 * which this machine cannot make. These checks run on the JVM.
 */
class NativeImageMetadataTest {

    private static final String METADATA = "META-INF/native-image/io.lvsdirector/lvs-director/reachability-metadata.json";

    private final JsonNode metadata = read();

    @Test
    void everyNamedClassMemberAndResourceExists() throws Exception {
        for (JsonNode entry : metadata.get("reflection")) {
            JsonNode type = entry.get("type");
            if (type.isTextual()) {
                Class<?> c = Class.forName(type.asText(), false, getClass().getClassLoader());
                for (JsonNode f : entry.path("fields")) {
                    assertNotNull(c.getField(f.get("name").asText()));
                }
                for (JsonNode m : entry.path("methods")) {
                    if (m.get("name").asText().equals("<init>")) {
                        assertNotNull(c.getConstructor(parameterTypes(m)));
                    }
                }
            } else {
                for (JsonNode iface : type.get("proxy")) {
                    assertTrue(Class.forName(iface.asText(), false, getClass().getClassLoader()).isInterface());
                }
            }
        }
        for (JsonNode entry : metadata.get("jni")) {
            Class<?> c = Class.forName(entry.get("type").asText());
            for (JsonNode m : entry.path("methods")) {
                assertNotNull(c.getConstructor(parameterTypes(m)));
            }
        }
        for (JsonNode entry : metadata.get("resources")) {
            assertNotNull(getClass().getClassLoader().getResource(entry.get("glob").asText()), entry.toString());
        }
    }

    @Test
    void everyLibcBindingIsAProxyWithReflectiveMethods() {
        Set<String> bindings = new TreeSet<>(Set.of(LibC.Api.class.getName(), PollLibC.Api.class.getName()));
        Set<String> proxies = new TreeSet<>();
        Set<String> reflective = new TreeSet<>();
        for (JsonNode entry : metadata.get("reflection")) {
            JsonNode type = entry.get("type");
            if (type.isObject()) {
                type.get("proxy").forEach(i -> proxies.add(i.asText()));
            } else if (entry.path("allPublicMethods").asBoolean() && type.asText().startsWith("io.lvsdirector")) {
                reflective.add(type.asText());
            }
        }
        assertEquals(bindings, proxies);
        assertEquals(bindings, reflective);
    }

    @Test
    void theLoaderThatTheMetadataAssumesIsTheOneInUse() throws Exception {
        // The proxies above serve jnr-ffi's reflection loader; its ASM loader would generate classes at run time.
        assertEquals(ProcessHandle.current().pid(), LibC.getpid());
        java.lang.reflect.Field api = LibC.class.getDeclaredField("API");
        api.setAccessible(true);
        assertTrue(java.lang.reflect.Proxy.isProxyClass(api.get(null).getClass()));
    }

    private static Class<?>[] parameterTypes(JsonNode method) throws ClassNotFoundException {
        JsonNode types = method.path("parameterTypes");
        Class<?>[] result = new Class<?>[types.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = Class.forName(types.get(i).asText());
        }
        return result;
    }

    private JsonNode read() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(METADATA)) {
            assertNotNull(in, METADATA);
            return new ObjectMapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
