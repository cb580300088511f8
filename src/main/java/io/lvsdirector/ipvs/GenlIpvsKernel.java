package io.lvsdirector.ipvs;

import io.lvsdirector.netlink.BatchResult;
import io.lvsdirector.netlink.FamilyNotFoundException;
import io.lvsdirector.netlink.GenericNetlink;
import io.lvsdirector.netlink.GenlFamily;
import io.lvsdirector.netlink.MessageBuilder;
import io.lvsdirector.netlink.Netlink;
import io.lvsdirector.netlink.NetlinkException;
import io.lvsdirector.netlink.NetlinkSocket;
import io.lvsdirector.netlink.NlMsg;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's IPVS over generic netlink: the whole interface ipvsadm uses (services,
 * destinations, counters, timeouts, sync daemons, flush, zero). One socket, used by one thread at
 * a time (the socket serializes callers).
 */
public final class GenlIpvsKernel implements IpvsKernel, AutoCloseable {

    private final NetlinkSocket socket;
    private final IpvsMessages messages;
    private final GenlFamily family;

    private GenlIpvsKernel(NetlinkSocket socket, GenlFamily family) {
        this.socket = socket;
        this.family = family;
        this.messages = new IpvsMessages(family.id(), family.version());
    }

    /** Opens a generic-netlink socket and looks up the "IPVS" family. */
    public static GenlIpvsKernel open() throws IpvsUnavailableException {
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(Netlink.NETLINK_GENERIC);
        } catch (RuntimeException e) {
            throw new IpvsUnavailableException("cannot open a generic netlink socket: " + e.getMessage(), e);
        }
        try {
            return new GenlIpvsKernel(socket, GenericNetlink.resolve(socket, IpvsGenl.FAMILY));
        } catch (FamilyNotFoundException e) {
            socket.close();
            throw new IpvsUnavailableException("IPVS not available in this kernel (no generic netlink family "
                    + "\"IPVS\"; is the ip_vs module loaded?)", e);
        } catch (RuntimeException e) {
            socket.close();
            throw new IpvsUnavailableException("cannot look up IPVS: " + e.getMessage(), e);
        }
    }

    public GenlFamily family() {
        return family;
    }

    public NetlinkSocket socket() {
        return socket;
    }

    @Override
    public KernelTable dump() {
        return dumpWithStats().table();
    }

    /** Every service with its destinations and counters: one service dump, one destination dump each. */
    @Override
    public IpvsDump dumpWithStats() {
        List<IpvsDump.ServiceView> out = new ArrayList<>();
        for (NlMsg m : call(() -> socket.dump("dump IPVS services", messages.dumpServices()))) {
            KernelService svc = IpvsMessages.parseService(m);
            List<IpvsDump.DestinationView> dests = new ArrayList<>();
            for (NlMsg d : call(() -> socket.dump("dump destinations of " + svc.key(),
                    messages.dumpDestinations(svc.key())))) {
                dests.add(IpvsMessages.parseDestination(d, svc.key()));
            }
            out.add(new IpvsDump.ServiceView(svc, IpvsMessages.parseServiceStats(m), dests));
        }
        return new IpvsDump(out);
    }

    @Override
    public void apply(IpvsOp op) {
        call(() -> {
            socket.execute(op.describe(), messages.forOp(op));
            return null;
        });
    }

    /**
     * Applies many ops with few system calls; the kernel runs them in order and keeps going after a
     * failure. Returns one exception or null per op, in order.
     */
    public List<IpvsException> applyBatch(List<IpvsOp> ops, int perSend) {
        return applyAll(ops, perSend);
    }

    /** Up to {@code perSend} requests per sendto, each with its own ACK ({@link NetlinkSocket#batch}). */
    @Override
    public List<IpvsException> applyAll(List<IpvsOp> ops, int perSend) {
        List<MessageBuilder> requests = ops.stream().map(messages::forOp).toList();
        List<BatchResult> results = call(() -> socket.batch(requests, perSend));
        List<IpvsException> errors = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            NetlinkException e = results.get(i).exception(ops.get(i).describe());
            errors.add(e == null ? null : new IpvsException(e.getMessage(), e));
        }
        return errors;
    }

    public IpvsInfo info() {
        return IpvsMessages.parseInfo(single(call(() -> socket.request("get IPVS info", messages.getInfo()))));
    }

    public IpvsTimeouts timeouts() {
        return IpvsMessages.parseTimeouts(single(call(() -> socket.request("get IPVS timeouts", messages.getConfig()))));
    }

    public void setTimeouts(IpvsTimeouts t) {
        call(() -> {
            socket.execute("set IPVS timeouts", messages.setTimeouts(t));
            return null;
        });
    }

    public List<SyncDaemon> syncDaemons() {
        return IpvsMessages.parseDaemons(call(() -> socket.dump("dump sync daemons", messages.dumpDaemons())));
    }

    public void startSyncDaemon(SyncDaemon d) {
        call(() -> {
            socket.execute("start sync daemon " + d, messages.startDaemon(d));
            return null;
        });
    }

    public void stopSyncDaemon(SyncDaemon.Role role) {
        call(() -> {
            socket.execute("stop sync " + role, messages.stopDaemon(role));
            return null;
        });
    }

    /** Removes every service and destination (`ipvsadm -C`). */
    public void flush() {
        call(() -> {
            socket.execute("flush IPVS", messages.flush());
            return null;
        });
    }

    /** Zeroes counters of one service, or all when null (`ipvsadm -Z`). */
    public void zero(ServiceKey service) {
        call(() -> {
            socket.execute("zero IPVS counters", messages.zero(service));
            return null;
        });
    }

    @Override
    public void close() {
        socket.close();
    }

    private static NlMsg single(List<NlMsg> replies) {
        if (replies.size() != 1) {
            throw new IpvsException("expected one reply, got " + replies.size());
        }
        return replies.get(0);
    }

    /** Netlink failures become IpvsException, keeping the kernel's errno name and ext-ack text. */
    private static <T> T call(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (NetlinkException e) {
            throw new IpvsException(e.getMessage(), e);
        }
    }
}
