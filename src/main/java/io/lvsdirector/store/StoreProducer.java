package io.lvsdirector.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the state store a bean. It is created eagerly at start-up, so a corrupt or invalid state
 * file throws {@link StateFileException} there and the application does not start.
 */
@ApplicationScoped
public class StoreProducer {

    @Produces
    @Singleton
    @Startup
    StateStore stateStore(@ConfigProperty(name = "lvs.state.file") Path file,
            @ConfigProperty(name = "lvs.state.group-commit", defaultValue = "true") boolean groupCommit,
            ObjectMapper mapper, Validator validator) {
        return new FileStateStore(file, mapper, validator, groupCommit);
    }
}
