package io.lvsdirector.ipvs;

/** Connection timeouts in seconds (`ipvsadm --set tcp tcpfin udp`); 0 on a set means "unchanged". */
public record IpvsTimeouts(int tcpSeconds, int tcpFinSeconds, int udpSeconds) {
}
