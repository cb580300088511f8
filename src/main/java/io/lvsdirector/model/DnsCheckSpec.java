package io.lvsdirector.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A DNS query over UDP: up when the reply carries {@code expectRcode} and, when that is NOERROR,
 * at least one answer of {@code queryType}.
 */
public record DnsCheckSpec(
        @NotNull @Size(min = 1, max = 253) String name,
        DnsQueryType queryType,
        DnsRcode expectRcode) {

    public DnsCheckSpec {
        queryType = queryType == null ? DnsQueryType.A : queryType;
        expectRcode = expectRcode == null ? DnsRcode.NOERROR : expectRcode;
    }
}
