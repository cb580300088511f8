package io.lvsdirector.vrrp;

import io.lvsdirector.netlink.NetworkNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * keepalived (Debian package) running {@code --vrrp} in a test namespace, with its configuration, pid files
 * and console log under target/keepalived/. keepalived runs a parent and a VRRP child: SIGTERM to the parent
 * is a graceful stop (the child sends priority 0); SIGKILL to the child is a crash ({@code -R}: no respawn).
 */
final class Keepalived implements AutoCloseable {

    private final Path dir;
    private final Process process;

    private Keepalived(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    static Keepalived start(NetworkNamespace ns, String config) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "keepalived")), "ka");
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), config);
        Process p = VethLab.spawn(ns, dir.resolve("console.log"), "keepalived", "--vrrp", "-n", "-l", "-D", "-G", "-R",
                "-f", conf.toAbsolutePath().toString(),
                "-p", dir.resolve("keepalived.pid").toAbsolutePath().toString(),
                "-r", dir.resolve("vrrp.pid").toAbsolutePath().toString());
        return new Keepalived(dir, p);
    }

    /** One vrrp_instance "VI" on {@code itf} with VRID 51, starting as BACKUP like a peer that just booted. */
    static String config(String itf, int version, int priority, String advertInt, String vip) {
        return config(itf, version, priority, advertInt, vip, "");
    }

    /** As above, with extra lines for the vrrp_instance block (e.g. unicast_peer). */
    static String config(String itf, int version, int priority, String advertInt, String vip, String extra) {
        return """
                global_defs {
                    router_id lvsd_interop
                }
                vrrp_instance VI {
                    state BACKUP
                    interface %s
                    virtual_router_id 51
                    version %d
                    priority %d
                    advert_int %s
                    virtual_ipaddress {
                        %s
                    }
                %s
                }
                """.formatted(itf, version, priority, advertInt, vip, extra.indent(4));
    }

    String log() {
        try {
            return Files.readString(dir.resolve("console.log"));
        } catch (IOException e) {
            return "";
        }
    }

    boolean entered(String state) {
        return log().contains("(VI) Entering " + state + " STATE");
    }

    /** SIGTERM to the parent: keepalived resigns with priority 0 and removes its VIPs. */
    void stopGracefully() throws InterruptedException {
        VethLab.terminate(process, Duration.ofSeconds(15));
    }

    /** SIGTERM to the parent without waiting for it to exit. */
    void signalTerm() {
        process.destroy();
    }

    /** SIGKILL to the VRRP child: no priority 0, VIPs stay, as after a crash. */
    void killVrrpChild() throws IOException {
        vrrpPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    }

    private Optional<Long> vrrpPid() throws IOException {
        Path pid = dir.resolve("vrrp.pid");
        return Files.exists(pid) ? Optional.of(Long.parseLong(Files.readString(pid).trim())) : Optional.empty();
    }

    @Override
    public void close() throws Exception {
        Optional<Long> child = Optional.empty();
        try {
            child = vrrpPid();
        } catch (IOException | NumberFormatException e) {
            // nothing to kill by pid file
        }
        process.destroyForcibly();
        child.flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        process.waitFor();
    }
}
