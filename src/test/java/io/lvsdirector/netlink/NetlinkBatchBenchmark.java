package io.lvsdirector.netlink;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints how long it takes to add and delete N interface addresses in a throw-away namespace: one request per
 * sendto versus batches of several sizes, with {@code ip -batch} as the reference. Not a test (figures only):
 * run with the test classpath, e.g.
 * {@code java -cp target/classes:target/test-classes:<deps> io.lvsdirector.netlink.NetlinkBatchBenchmark 2000}.
 */
public final class NetlinkBatchBenchmark {

    private NetlinkBatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (NetworkNamespace ns = NetworkNamespace.createUnique("lvsd-bench")) {
            ns.ip("link", "add", "bench0", "type", "veth", "peer", "name", "bench1");
            try (NetlinkSocket s = ns.openNetlink(Netlink.NETLINK_ROUTE)) {
                int index = new Links(s).get("bench0").index();
                List<InetAddress> addrs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    addrs.add(InetAddress.getByAddress(new byte[] {10, 99, (byte) (i >> 8), (byte) i}));
                }
                Path batchAdd = Files.createTempFile("lvsd-bench-add", ".txt");
                Path batchDel = Files.createTempFile("lvsd-bench-del", ".txt");
                StringBuilder add = new StringBuilder();
                StringBuilder del = new StringBuilder();
                for (InetAddress a : addrs) {
                    add.append("addr add ").append(a.getHostAddress()).append("/32 dev bench0\n");
                    del.append("addr del ").append(a.getHostAddress()).append("/32 dev bench0\n");
                }
                Files.writeString(batchAdd, add);
                Files.writeString(batchDel, del);
                try {
                    for (int round = 0; round < rounds; round++) {
                        System.out.printf("round %d, %d addresses (add + delete), ms:%n", round + 1, n);
                        long t0 = System.nanoTime();
                        ns.ip("-batch", batchAdd.toString());
                        ns.ip("-batch", batchDel.toString());
                        double ip = ms(t0);
                        System.out.printf("  ip -batch           %8.1f%n", ip);
                        t0 = System.nanoTime();
                        for (InetAddress a : addrs) {
                            s.execute("add", Addresses.addRequest(index, a, 32, 0));
                        }
                        for (InetAddress a : addrs) {
                            s.execute("del", Addresses.deleteRequest(index, a, 32));
                        }
                        System.out.printf("  one per sendto      %8.1f  (%.2fx ip)%n", ms(t0), ms(t0) / ip);
                        for (int per : new int[] {16, 64, 256}) {
                            t0 = System.nanoTime();
                            check(s.batch(adds(index, addrs), per));
                            check(s.batch(dels(index, addrs), per));
                            double t = ms(t0);
                            System.out.printf("  batch of %-4d       %8.1f  (%.2fx ip)%n", per, t, t / ip);
                        }
                    }
                } finally {
                    Files.deleteIfExists(batchAdd);
                    Files.deleteIfExists(batchDel);
                }
            }
        }
    }

    private static List<MessageBuilder> adds(int index, List<InetAddress> addrs) {
        List<MessageBuilder> out = new ArrayList<>();
        for (InetAddress a : addrs) {
            out.add(Addresses.addRequest(index, a, 32, 0));
        }
        return out;
    }

    private static List<MessageBuilder> dels(int index, List<InetAddress> addrs) {
        List<MessageBuilder> out = new ArrayList<>();
        for (InetAddress a : addrs) {
            out.add(Addresses.deleteRequest(index, a, 32));
        }
        return out;
    }

    private static void check(List<BatchResult> results) {
        for (BatchResult r : results) {
            if (!r.ok()) {
                throw r.exception("batch request " + r.index());
            }
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
