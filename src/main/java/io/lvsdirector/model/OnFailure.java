package io.lvsdirector.model;

/** What a virtual service does with a real server that is down: keep it at weight 0, or take it out. */
public enum OnFailure {
    WEIGHT_ZERO, REMOVE
}
