package io.lvsdirector.api;

import io.lvsdirector.store.Change;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change of a write, as a dry run reports it. */
@Schema(name = "Change", description = "One object a write creates, updates or deletes.")
public record ChangeView(
        @Schema(description = "What happens to the object", enumeration = {"create", "update", "delete"}) String op,
        @Schema(description = "The collection of the object", example = "vips") String kind,
        @Schema(description = "The object's name", example = "web-vip") String name,
        @Schema(description = "For a real server: its virtual service") String virtualService,
        @Schema(description = "The object's path below /api/v1", example = "vips/web-vip") String path,
        @Schema(description = "The object before the write; null when created") Object before,
        @Schema(description = "The object after the write; null when deleted") Object after) {

    static ChangeView of(Change c) {
        return new ChangeView(c.op().name().toLowerCase(Locale.ROOT), c.key().kind().collection(), c.key().name(),
                c.key().scope(), c.key().toString(), c.before(), c.after());
    }
}
