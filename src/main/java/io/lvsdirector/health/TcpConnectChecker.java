package io.lvsdirector.health;

import io.lvsdirector.netlink.Epoll;

/**
 * TCP connect checks on plain descriptors, on a few {@link ConnectLoop}s shared by all checks.
 * A connect check needs no pipeline, codec or buffer: here it is a connect on a socket kept from the last
 * check ({@link TcpSocketPool}), one readiness event, and a disconnect that readies the socket for the next
 * check. The socket holds back the handshake's last ACK, so the disconnect answers the server's SYN-ACK with
 * RST: the server's kernel drops the half-open connection (no socket made for it, none left in TIME_WAIT) and
 * its application never sees the check ({@link io.lvsdirector.netlink.TcpConnector#withholdHandshakeAck}).
 * SO_ERROR is read only when the event says the connect failed. These are direct system calls
 * ({@link io.lvsdirector.netlink.TcpConnector}), a fifth of those a JDK socket channel makes for the same (at
 * thousands of checks a second those calls are most of the CPU). Each stream reuses one probe (no parsing, no
 * future, no per-check objects beyond the result).
 */
final class TcpConnectChecker extends ConnectLoopChecker {

    /** Read once, in the network namespace the loops' threads inherit from this thread. */
    private final LocalPortRange localPorts = LocalPortRange.read();

    TcpConnectChecker(ConnectLoops loops) {
        super(loops);
    }

    @Override
    public SocketProbe probe(ProbeTarget target) {
        return new TcpProbe(target);
    }

    /** The connect checks of one target: up when the connect completes. */
    private final class TcpProbe extends SocketProbe {
        /**
         * The target's port is one the kernel may pick as a local port, so a connect that succeeds may have met
         * itself (only possible for an address of this host, on a port nothing is bound to).
         */
        final boolean mayMeetItself;
        /** The last run connected (and did not meet itself). */
        boolean lastConnected;

        TcpProbe(ProbeTarget target) {
            super(loops, target, Epoll.EPOLLOUT);
            mayMeetItself = localPorts.contains(target.port());
        }

        @Override
        void connected(int events) {
            finish(connectedError());
        }

        /**
         * The error of a connect that succeeded: none, unless it met itself (nothing listens there). Checked when
         * the last run did not connect, so that meeting itself cannot bring a dead server up. After a run that
         * connected it is not (no extra system call per routine check): a connect meets itself about once in
         * tens of thousands of connects, and then only delays by one run the failure the next run sees.
         */
        private String connectedError() {
            if (!mayMeetItself || lastConnected) {
                return null;
            }
            try {
                return loop.connector().connectedToItself(fd, address, target.port())
                        ? "connect: connected to itself (nothing listens on this port of this host)" : null;
            } catch (RuntimeException e) {
                return ErrorText.of(e);
            }
        }

        @Override
        void ended(String error) {
            lastConnected = error == null;
        }
    }
}
