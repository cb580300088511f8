package io.lvsdirector.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;

/**
 * Bean Validation names fields as Java does; clients know the JSON names. The two differ where a
 * JSON name is a Java keyword ({@code interface}), which {@code @JsonProperty} renames.
 */
public final class JsonFieldNames {

    private JsonFieldNames() {
    }

    /** {@code path}'s first segment, renamed as JSON names it on {@code type}. */
    public static String of(Class<?> type, String path) {
        if (type == null || path == null || !type.isRecord()) {
            return path;
        }
        int end = indexOfEnd(path);
        String head = path.substring(0, end);
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(head)) {
                // @JsonProperty cannot target a record component; Java puts it on the field
                JsonProperty p = field(type, head).getAnnotation(JsonProperty.class);
                return p != null && !p.value().isEmpty() ? p.value() + path.substring(end) : path;
            }
        }
        return path;
    }

    public static String of(ObjectKind kind, String path) {
        return of(typeOf(kind), path);
    }

    public static Class<?> typeOf(ObjectKind kind) {
        return switch (kind) {
            case VRRP_INSTANCE -> VrrpInstance.class;
            case VIP -> Vip.class;
            case VIRTUAL_SERVICE -> VirtualService.class;
            case REAL_SERVER -> RealServer.class;
        };
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("record component without field: " + type + "." + name, e);
        }
    }

    private static int indexOfEnd(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[') {
                return i;
            }
        }
        return path.length();
    }
}
