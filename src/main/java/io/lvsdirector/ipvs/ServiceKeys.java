package io.lvsdirector.ipvs;

import io.lvsdirector.model.AddressFamily;
import io.lvsdirector.model.Protocol;
import java.net.InetAddress;

/** A stable one-line text form of a service key: {@code TCP 192.0.2.1 80}, {@code FWM INET6 10}. */
final class ServiceKeys {

    private ServiceKeys() {
    }

    static String format(ServiceKey k) {
        return k.isFwmark() ? "FWM " + k.family() + " " + k.fwmark()
                : k.protocol() + " " + k.address().getHostAddress() + " " + k.port();
    }

    static ServiceKey parse(String line) {
        String[] f = line.split(" ");
        if (f.length != 3) {
            throw new IllegalArgumentException("bad service key line: " + line);
        }
        if (f[0].equals("FWM")) {
            return ServiceKey.fwmark(AddressFamily.valueOf(f[1]), Long.parseLong(f[2]));
        }
        InetAddress a = Addresses.literal(f[1]);
        return ServiceKey.of(Protocol.valueOf(f[0]), a, Integer.parseInt(f[2]));
    }
}
