package io.lvsdirector.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A named network namespace managed with iproute2 ({@code ip netns add/del}), and a way to run code inside it.
 *
 * <p>setns(2) moves only the calling thread, so {@link #call} runs the task on a fresh thread that enters the
 * namespace first and ends afterwards; no pooled thread is ever left in a foreign namespace. Sockets created by
 * the task stay in the namespace for their whole life, even when later used from other threads, so the usual
 * pattern is {@code NetlinkSocket s = ns.call(() -> NetlinkSocket.open(Netlink.NETLINK_ROUTE));}.
 */
public final class NetworkNamespace implements AutoCloseable {

    private static final String IP = "/usr/sbin/ip";
    private static final Path NETNS_DIR = Path.of("/var/run/netns");
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final boolean owned;
    private boolean deleted;

    private NetworkNamespace(String name, boolean owned) {
        if (!VALID_NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("bad namespace name: " + name);
        }
        this.name = name;
        this.owned = owned;
    }

    /** Creates the namespace ({@code ip netns add NAME}); {@link #close()} deletes it. */
    public static NetworkNamespace create(String name) {
        NetworkNamespace ns = new NetworkNamespace(name, true);
        runIp("netns", "add", name);
        return ns;
    }

    /** Creates a namespace with a name unlikely to clash: prefix, pid, counter and a random suffix. */
    public static NetworkNamespace createUnique(String prefix) {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        return create(name);
    }

    /** An existing namespace that {@link #close()} leaves alone. */
    public static NetworkNamespace existing(String name) {
        return new NetworkNamespace(name, false);
    }

    public String name() {
        return name;
    }

    /** The bind mount iproute2 keeps for the namespace. */
    public Path path() {
        return NETNS_DIR.resolve(name);
    }

    /**
     * Runs {@code task} on a dedicated thread inside the namespace and returns its result. The task's exception
     * is rethrown as is.
     */
    public <T> T call(Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(() -> {
            enterOnThisThread();
            return task.call();
        });
        Thread t = new Thread(future, "netns-" + name);
        t.setDaemon(true);
        t.start();
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Opens a netlink socket that lives in this namespace (usable from any thread afterwards). */
    public NetlinkSocket openNetlink(int protocol) throws Exception {
        return call(() -> NetlinkSocket.open(protocol));
    }

    /** {@link #openNetlink(int)} with a specific user-space receive buffer size. */
    public NetlinkSocket openNetlink(int protocol, int receiveBufferBytes) throws Exception {
        return call(() -> NetlinkSocket.open(protocol, receiveBufferBytes));
    }

    private void enterOnThisThread() {
        int fd = LibC.open(path().toString(), LibC.O_RDONLY | LibC.O_CLOEXEC);
        try {
            LibC.setns(fd, LibC.CLONE_NEWNET);
        } finally {
            LibC.close(fd);
        }
    }

    /** Runs {@code ip -n NAME args...} and returns its standard output; fails on a non-zero exit. */
    public String ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("-n", name));
        cmd.addAll(List.of(args));
        return runIp(cmd.toArray(new String[0]));
    }

    /** Deletes the namespace ({@code ip netns del}); idempotent. */
    public synchronized void delete() {
        if (!deleted) {
            deleted = true;
            runIp("netns", "del", name);
        }
    }

    @Override
    public void close() {
        if (owned) {
            delete();
        }
    }

    /** Runs /usr/sbin/ip with the arguments; returns stdout, throws with stderr on failure. */
    public static String runIp(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(IP);
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            // stderr on its own thread so that neither pipe can fill up and stall the child
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return read(p.getErrorStream());
                } catch (IOException e) {
                    return "";
                }
            }, task -> {
                Thread t = new Thread(task, "ip-stderr");
                t.setDaemon(true);
                t.start();
            });
            String out = read(p.getInputStream());
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + rc + ": " + err.join().strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}
