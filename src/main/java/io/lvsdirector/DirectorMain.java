package io.lvsdirector;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The director's entry point: Quarkus, after one JVM setting that has to be made before start-up begins. (No
 * private constructor: Quarkus registers the class as a bean and would warn about one.)
 */
@QuarkusMain
public final class DirectorMain {

    public static void main(String... args) {
        JitCompilerPriority.lowerInBackground();
        Quarkus.run(args);
    }
}
