package io.lvsdirector.vrrp;

import io.lvsdirector.netlink.KernelRequirements;
import io.lvsdirector.netlink.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, with documentation addresses (192.0.2.0/24, 2001:db8::/64)
 * inside them only: side A has .1 / ::1 on "vrrpa", side B .2 / ::2 on "vrrpb". DAD is off in both so that
 * link-local addresses are usable at once. {@link #close()} deletes both namespaces (and so the veth pair and
 * everything in them).
 */
final class VethLab implements AutoCloseable {

    static final String IF_A = "vrrpa";
    static final String IF_B = "vrrpb";

    final NetworkNamespace a;
    final NetworkNamespace b;

    private VethLab(NetworkNamespace a, NetworkNamespace b) {
        this.a = a;
        this.b = b;
    }

    static VethLab create() {
        KernelRequirements.requireRootAndNetns();
        NetworkNamespace a = NetworkNamespace.createUnique("lvsd-vrrp-a");
        NetworkNamespace b = null;
        try {
            b = NetworkNamespace.createUnique("lvsd-vrrp-b");
            VethLab lab = new VethLab(a, b);
            for (NetworkNamespace ns : new NetworkNamespace[] {a, b}) {
                exec(ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
                ns.ip("link", "set", "lo", "up");
            }
            a.ip("link", "add", IF_A, "type", "veth", "peer", "name", IF_B, "netns", b.name());
            a.ip("addr", "add", "192.0.2.1/24", "dev", IF_A);
            b.ip("addr", "add", "192.0.2.2/24", "dev", IF_B);
            a.ip("addr", "add", "2001:db8::1/64", "dev", IF_A, "nodad");
            b.ip("addr", "add", "2001:db8::2/64", "dev", IF_B, "nodad");
            a.ip("link", "set", IF_A, "up");
            b.ip("link", "set", IF_B, "up");
            return lab;
        } catch (RuntimeException e) {
            a.close();
            if (b != null) {
                b.close();
            }
            throw e;
        }
    }

    /** {@code ip -o addr show dev IF} of a side. */
    static String addresses(NetworkNamespace ns, String itf) {
        return ns.ip("-o", "addr", "show", "dev", itf);
    }

    static boolean hasAddress(NetworkNamespace ns, String itf, String cidr) {
        return addresses(ns, itf).contains(" " + cidr + " ");
    }

    /** Runs a command inside the namespace ({@code ip netns exec}) and fails on a non-zero exit. */
    static String exec(NetworkNamespace ns, String... command) {
        String[] args = new String[command.length + 3];
        args[0] = "netns";
        args[1] = "exec";
        args[2] = ns.name();
        System.arraycopy(command, 0, args, 3, command.length);
        return NetworkNamespace.runIp(args);
    }

    /** Starts a background command in the namespace, output to {@code log}. */
    static Process spawn(NetworkNamespace ns, Path log, String... command) throws IOException {
        String[] args = new String[command.length + 4];
        args[0] = "/usr/sbin/ip";
        args[1] = "netns";
        args[2] = "exec";
        args[3] = ns.name();
        System.arraycopy(command, 0, args, 4, command.length);
        return new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void terminate(Process p, Duration grace) throws InterruptedException {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            a.close();
        } finally {
            b.close();
        }
    }
}
