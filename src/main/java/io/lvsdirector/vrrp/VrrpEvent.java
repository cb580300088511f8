package io.lvsdirector.vrrp;

import java.time.Instant;

/**
 * A state transition of one instance, as logged, kept for the API and posted to webhooks.
 *
 * @param master the master's address after the transition as far as known, or null
 * @param problem why the instance cannot run (missing interface, no address...), or null
 */
public record VrrpEvent(Instant at, String instance, String interfaceName, VrrpState from, VrrpState to,
        TransitionReason reason, String master, String problem) {

    /** Compact JSON for webhooks (names are DNS labels and interface names, enums; nothing needs escaping but quotes). */
    public String toJson() {
        return "{\"at\":\"" + at + "\",\"instance\":" + quote(instance) + ",\"interface\":" + quote(interfaceName)
                + ",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"reason\":\"" + reason + "\",\"master\":"
                + quote(master) + ",\"problem\":" + quote(problem) + "}";
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
