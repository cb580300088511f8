package io.lvsdirector.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A native image keeps only what is registered: every JSON type of the model and API packages must be. */
class JsonReflectionTest {

    @Test
    void everyRecordAndEnumOfTheModelAndApiIsRegistered() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (Class<?> c : JsonReflection.class.getAnnotation(RegisterForReflection.class).targets()) {
            registered.add(c.getName());
        }
        Set<String> missing = new TreeSet<>();
        for (String pkg : List.of("io.lvsdirector.model", "io.lvsdirector.api")) {
            for (Class<?> c : classesOf(pkg)) {
                if ((c.isRecord() || c.isEnum()) && !c.isAnonymousClass() && !c.isLocalClass()
                        && !registered.contains(c.getName())) {
                    missing.add(c.getName());
                }
            }
        }
        assertEquals(Set.of(), missing, "add these to JsonReflection");
    }

    private static List<Class<?>> classesOf(String pkg) throws IOException, URISyntaxException {
        Path dir = Path.of(JsonReflection.class.getClassLoader().getResource(pkg.replace('.', '/')).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .<Class<?>>map(n -> load(pkg + "." + n.substring(0, n.length() - ".class".length()))).toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, JsonReflectionTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
