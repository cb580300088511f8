package io.lvsdirector.vrrp;

/** The last state change, for the status API. {@code atNanos} is on the machine's clock. */
public record Transition(VrrpState from, VrrpState to, TransitionReason reason, long atNanos) {
}
