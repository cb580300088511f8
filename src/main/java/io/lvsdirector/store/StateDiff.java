package io.lvsdirector.store;

import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.ObjectKind;
import io.lvsdirector.model.RealServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Object-level differences between two states, and the revision bookkeeping that follows. */
public final class StateDiff {

    private StateDiff() {
    }

    /** Every object of a state by key. */
    public static Map<ObjectKey, Object> objects(DesiredState s) {
        Map<ObjectKey, Object> m = new LinkedHashMap<>();
        if (s == null) {
            return m;
        }
        s.vrrpInstances().forEach(o -> m.put(ObjectKey.of(ObjectKind.VRRP_INSTANCE, o.name()), o));
        s.vips().forEach(o -> m.put(ObjectKey.of(ObjectKind.VIP, o.name()), o));
        s.virtualServices().forEach(o -> m.put(ObjectKey.of(ObjectKind.VIRTUAL_SERVICE, o.name()), o));
        for (RealServer r : s.realServers()) {
            m.put(ObjectKey.realServer(r.virtualService(), r.name()), r);
        }
        return m;
    }

    public static Set<ObjectKey> keysOf(DesiredState s) {
        return objects(s).keySet();
    }

    /** Creates, updates and deletes that turn {@code before} into {@code after}, in key order. */
    public static List<Change> between(DesiredState before, DesiredState after) {
        Map<ObjectKey, Object> a = objects(before);
        Map<ObjectKey, Object> b = objects(after);
        Set<ObjectKey> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> out = new ArrayList<>();
        for (ObjectKey k : keys) {
            Object x = a.get(k);
            Object y = b.get(k);
            if (x == null) {
                out.add(new Change(k, Change.Op.CREATE, null, y));
            } else if (y == null) {
                out.add(new Change(k, Change.Op.DELETE, x, null));
            } else if (!Objects.equals(x, y)) {
                out.add(new Change(k, Change.Op.UPDATE, x, y));
            }
        }
        return out;
    }

    /** The next revision: changed objects get the new revision number, the rest keep theirs. */
    static StoredState advance(StoredState before, DesiredState next, List<Change> changes) {
        long rev = before.revision() + 1;
        Map<ObjectKey, Long> revs = new HashMap<>(before.objectRevisions());
        for (Change c : changes) {
            if (c.op() == Change.Op.DELETE) {
                revs.remove(c.key());
            } else {
                revs.put(c.key(), rev);
            }
        }
        return new StoredState(rev, next, revs);
    }
}
