package io.lvsdirector.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Lookups the cross-object rules share: objects by name and the address family each one implies. */
final class StateIndex {

    final DesiredState state;
    private final Map<String, VrrpInstance> vrrpInstances;
    private final Map<String, Vip> vips;
    private final Map<String, VirtualService> virtualServices;

    StateIndex(DesiredState state) {
        this.state = state;
        this.vrrpInstances = byName(state.vrrpInstances(), VrrpInstance::name);
        this.vips = byName(state.vips(), Vip::name);
        this.virtualServices = byName(state.virtualServices(), VirtualService::name);
    }

    private static <T> Map<String, T> byName(List<T> list, Function<T, String> name) {
        Map<String, T> m = new HashMap<>();
        list.forEach(o -> m.putIfAbsent(name.apply(o), o));
        return m;
    }

    Optional<VrrpInstance> vrrpInstance(String name) {
        return Optional.ofNullable(name == null ? null : vrrpInstances.get(name));
    }

    Optional<Vip> vip(String name) {
        return Optional.ofNullable(name == null ? null : vips.get(name));
    }

    Optional<VirtualService> virtualService(String name) {
        return Optional.ofNullable(name == null ? null : virtualServices.get(name));
    }

    /** The family of a VIP's address, if it parses. */
    Optional<AddressFamily> familyOf(Vip vip) {
        return IpAddress.parse(vip.address()).map(IpAddress::family);
    }

    /** The family a virtual service serves: its VIP's, or its declared one for a firewall-mark service. */
    Optional<AddressFamily> familyOf(VirtualService service) {
        if (service.isFwmark()) {
            return Optional.ofNullable(service.addressFamily());
        }
        return vip(service.vip()).flatMap(this::familyOf);
    }

    /** The family of an instance: that of its VIPs, else of its unicast peers; empty if unknown or mixed. */
    Optional<AddressFamily> familyOf(VrrpInstance instance) {
        List<AddressFamily> families = state.vips().stream()
                .filter(v -> instance.name().equals(v.vrrpInstance()))
                .map(this::familyOf).flatMap(Optional::stream).distinct().toList();
        if (families.isEmpty()) {
            families = instance.unicastPeers().stream()
                    .map(IpAddress::parse).flatMap(Optional::stream).map(IpAddress::family).distinct().toList();
        }
        return families.size() == 1 ? Optional.of(families.get(0)) : Optional.empty();
    }
}
