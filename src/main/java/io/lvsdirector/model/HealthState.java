package io.lvsdirector.model;

/** A real server's health as seen by its check. UNKNOWN: no check is watching it (yet). */
public enum HealthState {
    UP, DOWN, UNKNOWN
}
