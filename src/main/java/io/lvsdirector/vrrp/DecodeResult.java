package io.lvsdirector.vrrp;

/** Either a decoded advertisement or the reason it was refused; decoding never throws. */
public sealed interface DecodeResult {

    record Decoded(VrrpPacket packet) implements DecodeResult {
    }

    record Dropped(DropReason reason, String detail) implements DecodeResult {
    }

    static DecodeResult drop(DropReason reason, String detail) {
        return new Dropped(reason, detail);
    }
}
