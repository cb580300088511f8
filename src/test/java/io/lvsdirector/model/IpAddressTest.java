package io.lvsdirector.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            "192.0.2.10, INET, 192.0.2.10",
            "0.0.0.0, INET, 0.0.0.0",
            "255.255.255.255, INET, 255.255.255.255",
            "2001:db8::1, INET6, 2001:db8:0:0:0:0:0:1",
            "2001:DB8:0::1, INET6, 2001:db8:0:0:0:0:0:1",
            "::, INET6, 0:0:0:0:0:0:0:0",
            "::1, INET6, 0:0:0:0:0:0:0:1",
            "fe80::, INET6, fe80:0:0:0:0:0:0:0",
            "1:2:3:4:5:6:7:8, INET6, 1:2:3:4:5:6:7:8",
            "::ffff:192.0.2.1, INET6, 0:0:0:0:0:ffff:c000:201",
            "64:ff9b::198.51.100.7, INET6, 64:ff9b:0:0:0:0:c633:6407",
    })
    void parsesLiterals(String text, AddressFamily family, String canonical) {
        IpAddress a = IpAddress.parse(text).orElseThrow();
        assertEquals(family, a.family());
        assertEquals(canonical, a.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "192.0.2", "192.0.2.1.5", "256.0.0.1", "01.2.3.4",
            "1.2.3.-4", "1.2.3.4 ", " 1.2.3.4", "1..2.3", "2001:db8::1::2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
            "12345::", "g::1", "fe80::1%eth0", ":1", "1:", "1:2:3:4:5:6:7::8:9", "::1.2.3", "1.2.3.4::",
            "::ffff:1.2.3.4:5", "+1::", "1:2:3:4:5:6:7:8::"})
    void rejectsEverythingElse(String text) {
        assertTrue(IpAddress.parse(text).isEmpty(), text);
    }

    @org.junit.jupiter.api.Test
    void equalityIsByValue() {
        assertEquals(IpAddress.parse("2001:db8::1").orElseThrow(), IpAddress.parse("2001:0db8:0:0:0:0:0:0001").orElseThrow());
    }
}
