package io.lvsdirector.model;

import java.util.Objects;

/**
 * Identity of one object. Real servers are named within their virtual service, so their key
 * carries the service as {@code scope}; other kinds have a null scope.
 */
public record ObjectKey(ObjectKind kind, String scope, String name) implements Comparable<ObjectKey> {

    public ObjectKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ObjectKey of(ObjectKind kind, String name) {
        return new ObjectKey(kind, null, name);
    }

    public static ObjectKey realServer(String virtualService, String name) {
        return new ObjectKey(ObjectKind.REAL_SERVER, virtualService, name);
    }

    /** A path-like form for messages: {@code virtual-services/web/real-servers/web-1}. */
    @Override
    public String toString() {
        return scope == null ? kind.collection() + "/" + name
                : ObjectKind.VIRTUAL_SERVICE.collection() + "/" + scope + "/" + kind.collection() + "/" + name;
    }

    @Override
    public int compareTo(ObjectKey o) {
        int c = kind.compareTo(o.kind);
        if (c != 0) {
            return c;
        }
        c = Objects.compare(scope, o.scope, (a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : a.compareTo(b));
        return c != 0 ? c : name.compareTo(o.name);
    }
}
