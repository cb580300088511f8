package io.lvsdirector.model;

import jakarta.validation.constraints.Min;

/**
 * A virtual service's quorum: below {@code minUp} healthy real servers the sorry server is put in;
 * it is taken out again only at {@code minUp + hysteresis}, so a flapping server does not flap it.
 */
public record Quorum(@Min(0) Integer minUp, @Min(0) Integer hysteresis) {

    /** keepalived's default: the sorry server stands in when no real server is up. */
    public static final Quorum DEFAULT = new Quorum(null, null);

    public Quorum {
        minUp = minUp == null ? 1 : minUp;
        hysteresis = hysteresis == null ? 0 : hysteresis;
    }
}
