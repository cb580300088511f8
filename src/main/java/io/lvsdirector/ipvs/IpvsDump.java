package io.lvsdirector.ipvs;

import java.util.List;
import java.util.TreeMap;

/** The kernel's table with its counters, as read in one pass (what `ipvsadm -Ln --stats` shows). */
public record IpvsDump(List<ServiceView> services) {

    public IpvsDump {
        services = List.copyOf(services);
    }

    public record ServiceView(KernelService service, IpvsStats stats, List<DestinationView> destinations) {
        public ServiceView {
            destinations = List.copyOf(destinations);
        }
    }

    public record DestinationView(KernelDestination destination, long activeConnections,
            long inactiveConnections, long persistentConnections, IpvsStats stats) {
    }

    /** The same table without counters, for planning. */
    public KernelTable table() {
        TreeMap<ServiceKey, KernelTable.Entry> m = new TreeMap<>();
        for (ServiceView s : services) {
            TreeMap<DestinationKey, KernelDestination> d = new TreeMap<>();
            s.destinations().forEach(v -> d.put(v.destination().key(), v.destination()));
            m.put(s.service().key(), KernelTable.Entry.dumped(s.service(), d));
        }
        return new KernelTable(m);
    }
}
