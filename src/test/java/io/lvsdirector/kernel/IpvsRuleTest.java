package io.lvsdirector.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Parsing of ipvsadm output; pure text, runs on any host. Samples are real ipvsadm 1.31 output. */
class IpvsRuleTest {

    private static final String SAVED = """
            -A -t 192.0.2.1:80 -s wrr -p 300 -M 255.255.255.0
            -a -t 192.0.2.1:80 -r 198.51.100.10:8080 -m -w 5
            -a -t 192.0.2.1:80 -r 198.51.100.11:80 -g -w 0
            -a -t 192.0.2.1:80 -r 198.51.100.12:80 -i -w 3 --tun-type gue --tun-port 6080 --tun-nocsum
            -A --sctp-service 192.0.2.2:3868 -s mh --pe sip -b mh-port
            -A -u [2001:db8::1]:53 -s sh -p 60 -M 64 -b sh-fallback,sh-port
            -a -u [2001:db8::1]:53 -r [2001:db8::10]:53 -m -w 2
            -A -f 7 -s lc -o
            -A -f 42 -6 -s rr
            """;

    private static final String THRESHOLDS = """
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn
              -> RemoteAddress:Port
            TCP  192.0.2.1:80 wrr persistent 300 mask 255.255.255.0
              -> 198.51.100.10:8080           100        10         0          0
              -> 198.51.100.11:80             0          0          0          0
              -> 198.51.100.12:80             0          0          0          0
            SCTP 192.0.2.2:3868 mh (mh-port)
            UDP  [2001:db8::1]:53 sh (sh-fallback,sh-port) persistent 60 mask 64
              -> [2001:db8::10]:53            0          0          0          0
            FWM  7 lc ops
            FWM  42 IPv6 rr
            """;

    @Test
    void parsesEverySaveLineIntoSortedRules() {
        assertEquals(List.of(
                IpvsRule.service("fwmark 42 ipv6", "scheduler", "rr"),
                IpvsRule.service("fwmark 7", "scheduler", "lc", "ops", "true"),
                IpvsRule.service("sctp 192.0.2.2:3868", "scheduler", "mh", "pe", "sip", "sched-flags", "mh-port"),
                IpvsRule.service("tcp 192.0.2.1:80", "scheduler", "wrr", "persistent", "300", "netmask", "255.255.255.0"),
                IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.10:8080", "forward", "masq", "weight", "5"),
                IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.11:80", "forward", "route", "weight", "0"),
                IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.12:80", "forward", "tunnel", "weight", "3",
                        "tun-type", "gue", "tun-port", "6080", "tun-csum", "nocsum"),
                IpvsRule.service("udp [2001:db8::1]:53", "scheduler", "sh", "persistent", "60", "netmask", "64",
                        "sched-flags", "sh-fallback,sh-port"),
                IpvsRule.destination("udp [2001:db8::1]:53", "[2001:db8::10]:53", "forward", "masq", "weight", "2")),
                IpvsRule.parseSave(SAVED));
    }

    @Test
    void mergesNonZeroThresholdsIntoDestinations() {
        List<IpvsRule> merged = IpvsRule.withThresholds(IpvsRule.parseSave(SAVED), THRESHOLDS);
        assertEquals(IpvsRule.destination("tcp 192.0.2.1:80", "198.51.100.10:8080",
                "forward", "masq", "weight", "5", "u-threshold", "100", "l-threshold", "10"), merged.get(4));
        assertEquals(IpvsRule.parseSave(SAVED).get(5), merged.get(5));
        assertEquals(9, merged.size());
    }

    @Test
    void printsReadably() {
        assertEquals("tcp 192.0.2.1:80 -> 198.51.100.10:8080 forward=masq weight=5",
                IpvsRule.parseSave(SAVED).get(4).toString());
    }

    @Test
    void rejectsLinesThatAreNotRules() {
        assertThrows(IllegalArgumentException.class, () -> IpvsRule.parseSave("TCP  192.0.2.1:80 rr"));
        assertThrows(IllegalArgumentException.class, () -> IpvsRule.parseSave("-a -t 192.0.2.1:80 -w 1"));
    }
}
