package io.lvsdirector.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** An immutable, ordered view of the attributes in a region of a message. Repeated types are kept. */
public final class NlAttrs {

    private static final NlAttrs EMPTY = new NlAttrs(List.of());

    private final List<NlAttr> attrs;

    private NlAttrs(List<NlAttr> attrs) {
        this.attrs = attrs;
    }

    public static NlAttrs empty() {
        return EMPTY;
    }

    /**
     * Parses attributes from {@code buf}'s position to its limit. Stops at a malformed header (length below 4 or
     * past the end) the way the kernel's nla_for_each_attr does, rather than failing the whole message.
     */
    public static NlAttrs parse(ByteBuffer buf) {
        ByteBuffer b = buf.duplicate().order(ByteOrder.nativeOrder());
        List<NlAttr> out = new ArrayList<>();
        int pos = b.position();
        int end = b.limit();
        while (end - pos >= Netlink.NLA_HDRLEN) {
            int len = b.getShort(pos) & 0xffff;
            int type = b.getShort(pos + 2) & 0xffff;
            if (len < Netlink.NLA_HDRLEN || len > end - pos) {
                break;
            }
            ByteBuffer v = b.duplicate();
            v.position(pos + Netlink.NLA_HDRLEN).limit(pos + len);
            out.add(new NlAttr(type, v.slice()));
            pos += Netlink.align(len);
        }
        return out.isEmpty() ? EMPTY : new NlAttrs(Collections.unmodifiableList(out));
    }

    public List<NlAttr> all() {
        return attrs;
    }

    /** All attributes of a type, in order. */
    public List<NlAttr> all(int type) {
        List<NlAttr> out = new ArrayList<>();
        for (NlAttr a : attrs) {
            if (a.type() == type) {
                out.add(a);
            }
        }
        return out;
    }

    /** First attribute of a type, or null. */
    public NlAttr get(int type) {
        for (NlAttr a : attrs) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    public Optional<NlAttr> find(int type) {
        return Optional.ofNullable(get(type));
    }

    public boolean has(int type) {
        return get(type) != null;
    }

    /** First attribute of a type; throws a clear error when the kernel left it out. */
    public NlAttr require(int type) {
        NlAttr a = get(type);
        if (a == null) {
            throw new IllegalStateException("missing netlink attribute " + type);
        }
        return a;
    }

    public int size() {
        return attrs.size();
    }

    @Override
    public String toString() {
        return attrs.toString();
    }
}
