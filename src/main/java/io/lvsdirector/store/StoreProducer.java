package io.lvsdirector.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the state store a bean; loading it at start-up makes a bad state file stop start-up. */
@ApplicationScoped
public class StoreProducer {

    @Produces
    @Singleton
    @Startup
    StateStore stateStore(@ConfigProperty(name = "lvs.state.file") Path file, ObjectMapper mapper, Validator validator) {
        return new FileStateStore(file, mapper, validator);
    }
}
