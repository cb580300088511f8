package io.lvsdirector.ipvs;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A whole IPVS table: services with their destinations. Used both for what the kernel holds (a
 * dump) and for what it should hold (translated from the desired state).
 */
public record KernelTable(SortedMap<ServiceKey, Entry> services) {

    public static final KernelTable EMPTY = new KernelTable(new TreeMap<>());

    public KernelTable {
        services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
    }

    /**
     * One service and its destinations. {@code owner} names the API object it comes from (null
     * for a kernel dump), so errors can be reported against it.
     */
    public record Entry(KernelService service, SortedMap<DestinationKey, KernelDestination> destinations,
            String owner, Map<DestinationKey, String> destinationOwners) {

        public Entry {
            destinations = Collections.unmodifiableSortedMap(new TreeMap<>(destinations));
            destinationOwners = destinationOwners == null ? Map.of() : Map.copyOf(destinationOwners);
        }

        public static Entry dumped(KernelService service, Map<DestinationKey, KernelDestination> destinations) {
            return new Entry(service, new TreeMap<>(destinations), null, Map.of());
        }
    }

    public int destinationCount() {
        return services.values().stream().mapToInt(e -> e.destinations().size()).sum();
    }
}
