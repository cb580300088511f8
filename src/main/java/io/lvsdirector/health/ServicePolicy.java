package io.lvsdirector.health;

import io.lvsdirector.model.OnFailure;
import io.lvsdirector.model.Quorum;
import io.lvsdirector.model.SorryServer;

/**
 * A virtual service's health settings as the weight policy needs them (onFailure, quorum, sorryServer
 * on the virtual service). Nulls take the defaults: WEIGHT_ZERO, quorum minUp 1 / hysteresis 0, no sorry server.
 */
public record ServicePolicy(OnFailure onFailure, Quorum quorum, SorryServer sorryServer) {

    public static final ServicePolicy DEFAULT = new ServicePolicy(null, null, null);

    public ServicePolicy {
        onFailure = onFailure == null ? OnFailure.WEIGHT_ZERO : onFailure;
        quorum = quorum == null ? Quorum.DEFAULT : quorum;
    }
}
