package io.lvsdirector.observability;

import io.lvsdirector.store.StateStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the state file is loaded. The store loads at start-up and a bad file stops start-up,
 * so a running service with a store is ready; the data says which revision of which file.
 */
@Readiness
@ApplicationScoped
public class StateStoreReadiness implements HealthCheck {

    private final StateStore store;
    private final Path file;

    StateStoreReadiness(StateStore store, @ConfigProperty(name = "lvs.state.file") Path file) {
        this.store = store;
        this.file = file.toAbsolutePath();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("state-store")
                .status(store.current() != null)
                .withData("revision", store.current().revision())
                .withData("file", file.toString())
                .build();
    }
}
