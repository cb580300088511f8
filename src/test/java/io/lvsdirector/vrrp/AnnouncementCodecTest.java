package io.lvsdirector.vrrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Gratuitous ARP and unsolicited NA payloads, byte for byte (RFC 826 / RFC 5227, RFC 4861 §4.4). */
class AnnouncementCodecTest {

    private static final byte[] MAC = HexFormat.of().parseHex("020000000001");

    @Test
    void gratuitousArpIsAnAnnouncementRequest() {
        byte[] arp = GratuitousArp.encode(MAC, (Inet4Address) Addr.of("192.0.2.100"));
        assertArrayEquals(HexFormat.of().parseHex(
                "0001" + "0800" + "06" + "04" + "0001"      // Ethernet, IPv4, lengths, op request
                        + "020000000001" + "c0000264"       // sender: our MAC, the VIP
                        + "000000000000" + "c0000264"),     // target: zero MAC, the VIP again
                arp);
    }

    @Test
    void unsolicitedNeighbourAdvertisementOverridesAndCarriesOurLinkLayerAddress() {
        byte[] na = UnsolicitedNeighborAdvert.encode(MAC, (Inet6Address) Addr.of("2001:db8::100"));
        assertArrayEquals(HexFormat.of().parseHex(
                "88" + "00" + "0000"                          // type 136, code 0, checksum (kernel's)
                        + "20000000"                          // R=0 S=0 O=1
                        + "20010db8000000000000000000000100"  // target = VIP
                        + "02" + "01" + "020000000001"),      // target link-layer address option
                na);
    }

    @Test
    void onlyEthernetAddressesAreAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> GratuitousArp.encode(new byte[0], (Inet4Address) Addr.of("192.0.2.1")));
        assertThrows(IllegalArgumentException.class,
                () -> UnsolicitedNeighborAdvert.encode(new byte[8], (Inet6Address) Addr.of("2001:db8::1")));
    }
}
