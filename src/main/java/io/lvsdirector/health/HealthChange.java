package io.lvsdirector.health;

import io.lvsdirector.model.HealthStatus;
import io.lvsdirector.model.ObjectKey;
import java.util.Set;

/**
 * A transition of one probe stream (UP/DOWN, or a new dynamic weight while up), with every real
 * server fed by it. The reconciler recomputes the virtual services of those real servers.
 */
public record HealthChange(ProbeTarget target, HealthStatus previous, HealthStatus current,
        Set<ObjectKey> subscribers) {

    public HealthChange {
        subscribers = Set.copyOf(subscribers);
    }
}
