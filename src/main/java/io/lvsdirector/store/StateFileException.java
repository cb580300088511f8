package io.lvsdirector.store;

import java.nio.file.Path;

/** The state file cannot be loaded; start-up must stop rather than run with a guessed state. */
public class StateFileException extends RuntimeException {
    public StateFileException(Path file, String problem, Throwable cause) {
        super("state file " + file + ": " + problem, cause);
    }
}
