package io.lvsdirector.model;

/** DNS record types a DNS check can ask for, with their RFC 1035 / RFC 3596 / RFC 2782 codes. */
public enum DnsQueryType {
    A(1), NS(2), CNAME(5), SOA(6), PTR(12), MX(15), TXT(16), AAAA(28), SRV(33), ANY(255);

    private final int code;

    DnsQueryType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
