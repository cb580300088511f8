package io.lvsdirector.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the director should make true: the whole configuration as one immutable value.
 * Lists are kept sorted (by name; real servers by service, then name) so that two equal states
 * serialize to the same bytes and diffs are stable.
 */
public record DesiredState(
        List<VrrpInstance> vrrpInstances,
        List<Vip> vips,
        List<VirtualService> virtualServices,
        List<RealServer> realServers) {

    public static final DesiredState EMPTY = new DesiredState(List.of(), List.of(), List.of(), List.of());

    private static final Comparator<RealServer> REAL_SERVER_ORDER =
            Comparator.comparing(RealServer::virtualService, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(RealServer::name);

    public DesiredState {
        vrrpInstances = sorted(vrrpInstances, Comparator.comparing(VrrpInstance::name));
        vips = sorted(vips, Comparator.comparing(Vip::name));
        virtualServices = sorted(virtualServices, Comparator.comparing(VirtualService::name));
        realServers = sorted(realServers, REAL_SERVER_ORDER);
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        if (list == null) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return List.copyOf(copy);
    }

    public Optional<VrrpInstance> vrrpInstance(String name) {
        return find(vrrpInstances, VrrpInstance::name, name);
    }

    public Optional<Vip> vip(String name) {
        return find(vips, Vip::name, name);
    }

    public Optional<VirtualService> virtualService(String name) {
        return find(virtualServices, VirtualService::name, name);
    }

    public Optional<RealServer> realServer(String virtualService, String name) {
        return realServers.stream()
                .filter(r -> virtualService.equals(r.virtualService()) && name.equals(r.name()))
                .findFirst();
    }

    /** The real servers of one virtual service, in name order. */
    public List<RealServer> realServersOf(String virtualService) {
        return realServers.stream().filter(r -> virtualService.equals(r.virtualService())).toList();
    }

    @JsonIgnore
    public int objectCount() {
        return vrrpInstances.size() + vips.size() + virtualServices.size() + realServers.size();
    }

    private static <T> Optional<T> find(List<T> list, Function<T, String> name, String wanted) {
        return list.stream().filter(t -> wanted.equals(name.apply(t))).findFirst();
    }
}
