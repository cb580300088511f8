package io.lvsdirector.vrrp;

import static io.lvsdirector.vrrp.VethLab.IF_A;
import static io.lvsdirector.vrrp.VethLab.IF_B;
import static io.lvsdirector.vrrp.VethLab.hasAddress;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VrrpInstance;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two instances per side on one link (VRID 51 and 52) in a sync group: each hears only its own VRID's adverts
 * (no VRID-mismatch drops from the sibling's traffic), and a tracked link failing under one member puts the whole
 * group in FAULT, so both VIPs move together.
 */
@Tag("netns")
@Timeout(180)
class VrrpSyncGroupNamespaceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private VethLab lab;
    private NamespacedWorker a;
    private NamespacedWorker b;

    @BeforeEach
    void setUp() {
        lab = VethLab.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        } finally {
            lab.close();
        }
    }

    private static DesiredState group(String itf, int priority, List<String> dbTracks) {
        VrrpInstance web = new VrrpInstance("web", itf, 51, priority, 3, 300, true, 0, null, null, "g", null);
        VrrpInstance db = new VrrpInstance("db", itf, 52, priority, 3, 300, true, 0, null, null, "g", dbTracks);
        return new DesiredState(List.of(web, db), List.of(new Vip("web-vip", "192.0.2.100", 24, null, "web"),
                new Vip("db-vip", "192.0.2.101", 24, null, "db")), List.of(), List.of());
    }

    private static VrrpState state(NamespacedWorker w, String instance) {
        return w.worker.status(instance).map(VrrpInstanceStatus::state).orElse(VrrpState.INITIALIZE);
    }

    @Test
    void aTrackedLinkUnderOneMemberMovesTheWholeGroup() throws Exception {
        lab.a.ip("link", "add", "vrrpt", "type", "veth", "peer", "name", "vrrptp");
        lab.a.ip("link", "set", "vrrpt", "up");
        lab.a.ip("link", "set", "vrrptp", "up");
        a = NamespacedWorker.start(lab.a, group(IF_A, 150, List.of("vrrpt")));
        b = NamespacedWorker.start(lab.b, group(IF_B, 100, List.of()));
        Await.until(WAIT, () -> state(a, "web") == VrrpState.MASTER && state(a, "db") == VrrpState.MASTER
                && state(b, "web") == VrrpState.BACKUP && state(b, "db") == VrrpState.BACKUP, () -> a.worker.statuses()
                + "\n" + b.worker.statuses());
        Await.until(WAIT, () -> hasAddress(lab.a, IF_A, "192.0.2.100/24") && hasAddress(lab.a, IF_A, "192.0.2.101/24"),
                () -> VethLab.addresses(lab.a, IF_A));
        Await.until(WAIT, () -> b.worker.status("db").orElseThrow().status().counters().advertsReceived() >= 3,
                () -> b.worker.statuses().toString());

        lab.a.ip("link", "set", "vrrptp", "down");
        Await.until(WAIT, () -> state(a, "web") == VrrpState.FAULT && state(a, "db") == VrrpState.FAULT
                && state(b, "web") == VrrpState.MASTER && state(b, "db") == VrrpState.MASTER,
                () -> a.worker.statuses() + "\n" + b.worker.statuses());
        Await.until(WAIT, () -> hasAddress(lab.b, IF_B, "192.0.2.100/24") && hasAddress(lab.b, IF_B, "192.0.2.101/24")
                && !hasAddress(lab.a, IF_A, "192.0.2.100/24") && !hasAddress(lab.a, IF_A, "192.0.2.101/24"),
                () -> VethLab.addresses(lab.a, IF_A) + VethLab.addresses(lab.b, IF_B));
        assertEquals(TransitionReason.SYNC_GROUP,
                a.worker.status("web").orElseThrow().status().lastTransition().orElseThrow().reason());
        for (NamespacedWorker w : List.of(a, b)) {
            for (String name : List.of("web", "db")) {
                assertEquals(0, w.worker.status(name).orElseThrow().status().counters().drops(DropReason.VRID_MISMATCH),
                        "the sibling's adverts are not this instance's drops: " + w.worker.statuses());
            }
        }
    }
}
