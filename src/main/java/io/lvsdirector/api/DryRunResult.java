package io.lvsdirector.api;

import io.lvsdirector.store.CommitResult;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a write with {@code ?dryRun=true}: what it would change. Nothing was stored. */
@Schema(name = "DryRunResult", description = "What a write would change; with dryRun=true nothing is stored.")
public record DryRunResult(
        @Schema(description = "Always true") boolean dryRun,
        @Schema(description = "The revision the write was checked against") long revision,
        @Schema(description = "The revision the write would have made; equal to revision when nothing would change")
        long wouldBeRevision,
        @Schema(description = "The changes, in kind and name order") List<ChangeView> changes) {

    static DryRunResult of(CommitResult r) {
        return new DryRunResult(true, r.before().revision(), r.after().revision(),
                r.changes().stream().map(ChangeView::of).toList());
    }
}
