package io.lvsdirector.health;

import io.lvsdirector.model.CheckType;
import io.lvsdirector.model.HealthCheck;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.VirtualService;
import java.util.Optional;

/** Resolves which check watches a real server, and at which port. */
public final class HealthTargets {

    private HealthTargets() {
    }

    /**
     * The real server's check overrides the service's default as a whole. No check, or type NONE,
     * means no probe (the server's health stays UNKNOWN, which counts as up). The port is the check's
     * override, else the real server's, else the service's.
     *
     * @throws IllegalArgumentException when a network check has no port to go to (fwmark service,
     *                                  real server without port, no override)
     */
    public static Optional<ProbeTarget> resolve(VirtualService service, HealthCheck serviceDefault,
            RealServer server, HealthCheck serverOverride) {
        HealthCheck check = serverOverride != null ? serverOverride : serviceDefault;
        if (check == null || check.type() == CheckType.NONE) {
            return Optional.empty();
        }
        int port = firstPort(check.port(), server.port(), service.port());
        if (port == 0 && check.type() != CheckType.EXEC) {
            throw new IllegalArgumentException("the " + check.type() + " check of real server " + server.name()
                    + " has no port: set healthCheck.port");
        }
        return Optional.of(new ProbeTarget(normalized(check), server.address(), port));
    }

    private static int firstPort(Integer... ports) {
        for (Integer p : ports) {
            if (p != null && p > 0) {
                return p;
            }
        }
        return 0;
    }

    /**
     * The check as a dedup key: the port lives in the target, and sub-objects of other types are
     * dropped, so that equal probes compare equal however they were written.
     */
    static HealthCheck normalized(HealthCheck c) {
        CheckType t = c.type();
        boolean web = t == CheckType.HTTP || t == CheckType.HTTPS;
        return new HealthCheck(t, c.intervalMs(), c.timeoutMs(), c.rise(), c.fall(), c.initialState(),
                c.sourceAddress(), null, web ? c.http() : null, t == CheckType.UDP ? c.udp() : null,
                t == CheckType.DNS ? c.dns() : null, t == CheckType.EXEC ? c.exec() : null);
    }
}
