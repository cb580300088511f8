package io.lvsdirector.model;

/** DNS response codes (RFC 1035 section 4.1.1) a DNS check can expect. */
public enum DnsRcode {
    NOERROR(0), FORMERR(1), SERVFAIL(2), NXDOMAIN(3), NOTIMP(4), REFUSED(5);

    private final int code;

    DnsRcode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The name of a code, or its number when it is not one of ours. */
    public static String nameOf(int code) {
        for (DnsRcode r : values()) {
            if (r.code == code) {
                return r.name();
            }
        }
        return "RCODE" + code;
    }
}
