package io.lvsdirector.model;

/** How the bytes of a UDP check's payload and expected reply are written in JSON. */
public enum PayloadEncoding {
    HEX, BASE64
}
