package io.lvsdirector.model;

/**
 * A UDP request/response: sends {@code payload} and is up when a reply comes back from the target
 * that starts with {@code expect} (any reply when {@code expect} is null). Both are written in
 * {@code encoding} (HEX by default).
 */
public record UdpCheckSpec(String payload, String expect, PayloadEncoding encoding) {

    public static final UdpCheckSpec DEFAULT = new UdpCheckSpec(null, null, null);

    public UdpCheckSpec {
        payload = payload == null ? "" : payload;
        encoding = encoding == null ? PayloadEncoding.HEX : encoding;
    }
}
