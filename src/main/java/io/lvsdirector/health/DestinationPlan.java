package io.lvsdirector.health;

import java.util.List;

/**
 * The weight policy's answer for one virtual service: the destinations to program, how many real
 * servers count as up, and whether the sorry server is in (feed that back as the next call's
 * {@code sorryWasActive}: the quorum hysteresis needs it).
 */
public record DestinationPlan(List<DesiredDestination> destinations, int upCount, boolean sorryActive) {

    public DestinationPlan {
        destinations = List.copyOf(destinations);
    }
}
