package io.lvsdirector.vrrp;

import static io.lvsdirector.vrrp.NamespacedWorker.instance;
import static io.lvsdirector.vrrp.NamespacedWorker.state;
import static io.lvsdirector.vrrp.NamespacedWorker.vip;
import static io.lvsdirector.vrrp.VethLab.IF_A;
import static io.lvsdirector.vrrp.VethLab.IF_B;

import io.lvsdirector.netlink.Addresses;
import io.lvsdirector.netlink.NetlinkException;
import io.lvsdirector.netlink.NetlinkSocket;
import io.lvsdirector.netlink.Netlink;
import io.lvsdirector.netlink.NlMsg;
import io.lvsdirector.netlink.RtNetlink;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Take-over time, ours against keepalived with the same settings, in throw-away namespaces joined by veth:
 * the time from stopping the master (graceful: our priority-0 stop / SIGTERM to keepalived; crash: our silent
 * stop / SIGKILL to keepalived's VRRP child) until the backup's VIP appears (RTM_NEWADDR seen in the backup's
 * namespace, the same probe for both). Not a test: prints figures. Run as root with the test classpath:
 * {@code java -cp target/classes:target/test-classes:<deps> io.lvsdirector.vrrp.VrrpTakeoverBenchmark [rounds [scenario filter]]}.
 */
public final class VrrpTakeoverBenchmark {

    private static final String VIP = "192.0.2.100";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private VrrpTakeoverBenchmark() {
    }

    interface Pair extends AutoCloseable {
        void stopMaster(boolean graceful) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        only = args.length > 1 ? args[1] : "";
        System.out.printf("%-44s %8s %8s %8s%n", "scenario (backup priority 100)", "median", "min", "max");
        for (boolean graceful : new boolean[] {false, true}) {
            String how = graceful ? "graceful stop" : "SIGKILL-like";
            report("ours       v3 1 s,   " + how, rounds, graceful, (lab) -> ours(lab, 1000));
            report("keepalived v3 1 s,   " + how, rounds, graceful, (lab) -> keepalived(lab, "1"));
            report("ours       v3 100 ms, " + how, rounds, graceful, (lab) -> ours(lab, 100));
            report("keepalived v3 100 ms, " + how, rounds, graceful, (lab) -> keepalived(lab, "0.1"));
        }
    }

    interface PairFactory {
        Pair start(VethLab lab) throws Exception;
    }

    /** Runs only the scenarios whose name contains this (second argument), e.g. "100 ms". */
    private static String only = "";

    private static void report(String name, int rounds, boolean graceful, PairFactory factory) throws Exception {
        if (!name.contains(only)) {
            return;
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            try (VethLab lab = VethLab.create(); Pair pair = factory.start(lab);
                    NetlinkSocket watch = lab.b.openNetlink(Netlink.NETLINK_ROUTE)) {
                watch.joinGroup(RtNetlink.RTNLGRP_IPV4_IFADDR);
                Await.until(WAIT, () -> VethLab.hasAddress(lab.a, IF_A, VIP + "/24"), () -> "no master");
                Thread.sleep(2000 + ThreadLocalRandom.current().nextInt(1000)); // settle, random advert phase
                long t0 = System.nanoTime();
                Thread stopper = new Thread(() -> {
                    try {
                        pair.stopMaster(graceful);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                stopper.start(); // the clock runs from the signal, not from the end of the master's shutdown
                waitForVip(watch);
                stopper.join();
                ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        Collections.sort(ms);
        System.out.printf("%-44s %8.0f %8.0f %8.0f ms%n", name, ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1));
    }

    private static void waitForVip(NetlinkSocket watch) throws Exception {
        InetAddress vip = InetAddress.getByName(VIP);
        long deadline = System.nanoTime() + WAIT.toNanos();
        watch.setReceiveTimeout(Duration.ofMillis(200));
        while (System.nanoTime() < deadline) {
            List<NlMsg> msgs;
            try {
                msgs = watch.receive();
            } catch (NetlinkException e) {
                continue; // receive timeout
            }
            for (NlMsg m : msgs) {
                if (m.type() == RtNetlink.RTM_NEWADDR && Addresses.parse(m).address().equals(vip)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the backup never took the VIP");
    }

    private static Pair ours(VethLab lab, int intervalMs) {
        NamespacedWorker master = NamespacedWorker.start(lab.a, state(instance(IF_A, 3, 150, intervalMs), vip(VIP, 24)));
        NamespacedWorker backup = NamespacedWorker.start(lab.b, state(instance(IF_B, 3, 100, intervalMs), vip(VIP, 24)));
        return new Pair() {
            @Override
            public void stopMaster(boolean graceful) throws Exception {
                master.stop(graceful);
            }

            @Override
            public void close() throws Exception {
                master.close();
                backup.close();
            }
        };
    }

    private static Pair keepalived(VethLab lab, String advertInt) throws Exception {
        Keepalived master = Keepalived.start(lab.a, Keepalived.config(IF_A, 3, 150, advertInt, VIP + "/24"));
        Keepalived backup = Keepalived.start(lab.b, Keepalived.config(IF_B, 3, 100, advertInt, VIP + "/24"));
        return new Pair() {
            @Override
            public void stopMaster(boolean graceful) throws Exception {
                if (graceful) {
                    master.signalTerm();
                } else {
                    master.killVrrpChild();
                }
            }

            @Override
            public void close() throws Exception {
                master.close();
                backup.close();
            }
        };
    }
}
