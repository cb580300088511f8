package io.lvsdirector.api;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.ObjectKind;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Vip;
import io.lvsdirector.model.VirtualService;
import io.lvsdirector.model.VrrpInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the generic CRUD code needs to know about one kind of object: where its list lives in the
 * state, how to name an object, and which objects refer to one of its kind (and so block deletion).
 */
public record ObjectType<T>(
        ObjectKind kind,
        Function<DesiredState, List<T>> list,
        BiFunction<DesiredState, List<T>, DesiredState> withList,
        BiFunction<String, T, ObjectKey> key,
        BiFunction<DesiredState, String, List<ObjectKey>> referrers) {

    public static final ObjectType<VrrpInstance> VRRP_INSTANCES = new ObjectType<>(ObjectKind.VRRP_INSTANCE,
            DesiredState::vrrpInstances,
            (s, l) -> new DesiredState(l, s.vips(), s.virtualServices(), s.realServers()),
            (scope, o) -> ObjectKey.of(ObjectKind.VRRP_INSTANCE, o.name()),
            (s, name) -> s.vips().stream().filter(v -> name.equals(v.vrrpInstance()))
                    .map(v -> ObjectKey.of(ObjectKind.VIP, v.name())).toList());

    public static final ObjectType<Vip> VIPS = new ObjectType<>(ObjectKind.VIP,
            DesiredState::vips,
            (s, l) -> new DesiredState(s.vrrpInstances(), l, s.virtualServices(), s.realServers()),
            (scope, o) -> ObjectKey.of(ObjectKind.VIP, o.name()),
            (s, name) -> s.virtualServices().stream().filter(v -> name.equals(v.vip()))
                    .map(v -> ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, v.name())).toList());

    public static final ObjectType<VirtualService> VIRTUAL_SERVICES = new ObjectType<>(ObjectKind.VIRTUAL_SERVICE,
            DesiredState::virtualServices,
            (s, l) -> new DesiredState(s.vrrpInstances(), s.vips(), l, s.realServers()),
            (scope, o) -> ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, o.name()),
            (s, name) -> s.realServersOf(name).stream()
                    .map(r -> ObjectKey.realServer(name, r.name())).toList());

    /** Real servers are scoped by their virtual service, which the URL path names. */
    public static final ObjectType<RealServer> REAL_SERVERS = new ObjectType<>(ObjectKind.REAL_SERVER,
            DesiredState::realServers,
            (s, l) -> new DesiredState(s.vrrpInstances(), s.vips(), s.virtualServices(), l),
            (scope, o) -> ObjectKey.realServer(scope, o.name()),
            (s, name) -> List.of());

    /** The key of {@code object} when it lives in {@code scope} (the virtual service of a real server). */
    public ObjectKey keyOf(String scope, T object) {
        return key.apply(scope, object);
    }

    /** The objects of this kind in {@code scope} (null: all of them). */
    public List<T> in(DesiredState state, String scope) {
        return list.apply(state).stream()
                .filter(o -> scope == null || Objects.equals(scope, scopeOf(o)))
                .toList();
    }

    public Optional<T> find(DesiredState state, ObjectKey wanted) {
        return list.apply(state).stream().filter(o -> wanted.equals(keyOf(scopeOf(o), o))).findFirst();
    }

    /** The state with {@code object} added, or replacing the one of the same key. */
    public DesiredState put(DesiredState state, ObjectKey key, T object) {
        List<T> next = new ArrayList<>(without(state, key));
        next.add(object);
        return withList.apply(state, next);
    }

    public DesiredState remove(DesiredState state, ObjectKey key) {
        return withList.apply(state, without(state, key));
    }

    private List<T> without(DesiredState state, ObjectKey key) {
        return list.apply(state).stream().filter(o -> !key.equals(keyOf(scopeOf(o), o))).toList();
    }

    /** Real servers carry their scope; other kinds have none. */
    private String scopeOf(T object) {
        return object instanceof RealServer r ? r.virtualService() : null;
    }
}
