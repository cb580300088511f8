package io.lvsdirector.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The generic-netlink controller on the real kernel, from a namespace this class creates. */
@ExtendWith(KernelRequirements.class)
class GenericNetlinkNamespaceTest {

    private static NetworkNamespace ns;
    private static NetlinkSocket genl;

    @BeforeAll
    static void setUp() throws Exception {
        ns = NetworkNamespace.createUnique("lvsd-genl");
        genl = ns.call(() -> NetlinkSocket.open(Netlink.NETLINK_GENERIC));
    }

    @AfterAll
    static void tearDown() {
        if (genl != null) {
            genl.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void controllerResolvesItself() {
        GenlFamily ctrl = GenericNetlink.resolve(genl, "nlctrl");
        assertEquals(GenericNetlink.GENL_ID_CTRL, ctrl.id());
        assertEquals("nlctrl", ctrl.name());
        assertTrue(ctrl.version() >= 1);
        assertEquals(Integer.valueOf(GenericNetlink.GENL_ID_CTRL), ctrl.multicastGroups().get("notify"));
    }

    @Test
    void controllerAgreesWithIproute2Genl() throws Exception {
        Path genlTool = Path.of("/usr/sbin/genl");
        Assumptions.assumeTrue(Files.isExecutable(genlTool), "iproute2's genl tool not installed");
        Process p = new ProcessBuilder(genlTool.toString(), "ctrl", "get", "name", "nlctrl")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        GenlFamily ctrl = GenericNetlink.resolve(genl, "nlctrl");
        String expected = String.format("ID: 0x%x  Version: 0x%x  header size: %d  max attribs: %d",
                ctrl.id(), ctrl.version(), ctrl.hdrSize(), ctrl.maxAttr());
        assertTrue(out.contains(expected), "genl said:\n" + out + "\nwe expected: " + expected);
    }

    @Test
    void overlongFamilyNameIsRejectedWithTheKernelsExplanation() {
        // GENL_NAMSIZ is 16 including the NUL: the policy check fails with EINVAL and an extended ACK.
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> GenericNetlink.resolve(genl, "a-name-too-long-for-genl"));
        assertEquals(Errno.EINVAL, e.errno());
        assertTrue(e.attributeOffset() > 0, "offset of the family-name attribute");
    }

    @Test
    void unknownFamilyIsFamilyNotFound() {
        FamilyNotFoundException e = assertThrows(FamilyNotFoundException.class,
                () -> GenericNetlink.resolve(genl, "lvsdnofamily"));
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals("lvsdnofamily", e.family());
        assertTrue(e.getMessage().contains("ENOENT"), e.getMessage());
    }

    @Test
    void ipvsIsFamilyNotFoundWhenTheKernelHasNoIpvs() {
        if (Files.exists(Path.of("/proc/net/ip_vs"))) {
            GenlFamily ipvs = GenericNetlink.resolve(genl, "IPVS");
            assertEquals("IPVS", ipvs.name());
            assertTrue(ipvs.id() >= Netlink.NLMSG_MIN_TYPE);
            return;
        }
        FamilyNotFoundException e = assertThrows(FamilyNotFoundException.class,
                () -> GenericNetlink.resolve(genl, "IPVS"));
        assertEquals("IPVS", e.family());
        // the socket is still usable afterwards
        assertEquals("nlctrl", GenericNetlink.resolve(genl, "nlctrl").name());
    }
}
