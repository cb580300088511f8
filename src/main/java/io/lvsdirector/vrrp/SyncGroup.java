package io.lvsdirector.vrrp;

import io.lvsdirector.vrrp.VrrpAction.StateChanged;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Instances that must change state together (keepalived's vrrp_sync_group): when one becomes MASTER
 * the others follow, when one falls back from MASTER the others do too, and while any member is in
 * FAULT of its own the whole group is in FAULT. Every event for a member goes through
 * {@link #dispatch}, which returns the actions of each member touched, in the order they arose.
 */
public final class SyncGroup {

    private final String name;
    private final Map<String, VrrpStateMachine> members = new LinkedHashMap<>();

    public SyncGroup(String name, Map<String, VrrpStateMachine> members) {
        this.name = name;
        this.members.putAll(members);
        if (this.members.isEmpty()) {
            throw new IllegalArgumentException("a sync group has members");
        }
    }

    public String name() {
        return name;
    }

    public Map<String, VrrpStateMachine> members() {
        return Collections.unmodifiableMap(members);
    }

    /** Applies {@code event} to {@code member} and brings the rest of the group along. */
    public Map<String, List<VrrpAction>> dispatch(String member, Function<VrrpStateMachine, List<VrrpAction>> event) {
        VrrpStateMachine source = members.get(member);
        if (source == null) {
            throw new IllegalArgumentException("no member " + member + " in sync group " + name);
        }
        Map<String, List<VrrpAction>> out = new LinkedHashMap<>();
        List<VrrpAction> own = event.apply(source);
        append(out, member, own);
        alignFault(out);
        for (VrrpAction action : own) {
            if (action instanceof StateChanged sc && sc.reason() != TransitionReason.SYNC_GROUP) {
                follow(out, member, sc);
            }
        }
        return out;
    }

    private void follow(Map<String, List<VrrpAction>> out, String leader, StateChanged change) {
        for (Map.Entry<String, VrrpStateMachine> e : members.entrySet()) {
            if (e.getKey().equals(leader)) {
                continue;
            }
            if (change.to() == VrrpState.MASTER) {
                append(out, e.getKey(), e.getValue().forceMaster());
            } else if (change.from() == VrrpState.MASTER && change.to() == VrrpState.BACKUP) {
                append(out, e.getKey(), e.getValue().forceBackup());
            }
        }
    }

    /** Group fault is derived, not remembered: a member is held in FAULT while any other has a fault of its own. */
    private void alignFault(Map<String, List<VrrpAction>> out) {
        for (Map.Entry<String, VrrpStateMachine> e : members.entrySet()) {
            boolean otherFaulty = false;
            for (Map.Entry<String, VrrpStateMachine> o : members.entrySet()) {
                otherFaulty |= o != e && o.getValue().ownFault();
            }
            append(out, e.getKey(), e.getValue().setGroupFault(otherFaulty));
        }
    }

    private static void append(Map<String, List<VrrpAction>> out, String member, List<VrrpAction> actions) {
        if (!actions.isEmpty()) {
            out.computeIfAbsent(member, k -> new ArrayList<>()).addAll(actions);
        }
    }
}
