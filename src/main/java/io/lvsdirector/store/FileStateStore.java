package io.lvsdirector.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.Violation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The state file. At start it deletes temp files a crash left behind, then loads and validates
 * the file; a corrupt or invalid file throws {@link StateFileException} naming the file, the line
 * and the problem, so start-up stops (it is never replaced by an empty state). Every commit
 * replaces the file atomically and durably ({@link AtomicFileWriter}); concurrent writes share
 * fsyncs ({@link GroupCommitter}).
 */
public class FileStateStore implements StateStore {

    private static final Logger LOG = Logger.getLogger(FileStateStore.class);

    private final Path file;
    private final StateFileCodec codec;
    private final StateValidation validation;
    private final AtomicFileWriter writer;
    private final GroupCommitter committer;
    private final List<Consumer<StoredState>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong encodeNanos = new AtomicLong();

    public FileStateStore(Path file, ObjectMapper mapper, Validator validator) {
        this(file, mapper, validator, true);
    }

    /** @param groupCommit false makes every write pay its own fsync (for comparison only) */
    public FileStateStore(Path file, ObjectMapper mapper, Validator validator, boolean groupCommit) {
        this(file, new StateFileCodec(mapper), validator, AtomicFileWriter.NIO, groupCommit);
    }

    FileStateStore(Path file, StateFileCodec codec, Validator validator, AtomicFileWriter.FileOps ops,
            boolean groupCommit) {
        this.file = file.toAbsolutePath();
        this.codec = codec;
        this.validation = new StateValidation(validator);
        this.writer = new AtomicFileWriter(this.file, ops);
        StoredState loaded = load();
        this.committer = new GroupCommitter(loaded, this::plan, this::persist, this::notifyListeners, groupCommit);
    }

    public Path file() {
        return file;
    }

    @Override
    public StoredState current() {
        return committer.durable();
    }

    @Override
    public CommitResult write(StateChange change, boolean dryRun) {
        if (dryRun) {
            // Against the durable state and without locks: a preview never waits for, or touches, the disk.
            StoredState before = current();
            CommitResult r = plan(before, change);
            return new CommitResult(before, r.after(), r.changes(), true);
        }
        return committer.commit(change);
    }

    @Override
    public void addListener(Consumer<StoredState> listener) {
        listeners.add(listener);
    }

    public CommitStats stats() {
        CommitStats s = committer.stats();
        return new CommitStats(s.commits(), s.flushes(), s.flushNanos(), encodeNanos.get());
    }

    /** Applies and validates one change; nothing is written here. */
    private CommitResult plan(StoredState before, StateChange change) {
        DesiredState next = change.apply(before);
        if (next == null) {
            throw new IllegalStateException("a state change returned null");
        }
        List<Change> changes = StateDiff.between(before.state(), next);
        List<Violation> violations = validation.forWrite(next, changes);
        if (!violations.isEmpty()) {
            throw new InvalidStateException(violations);
        }
        if (changes.isEmpty()) {
            return new CommitResult(before, before, changes, false);
        }
        return new CommitResult(before, StateDiff.advance(before, next, changes), changes, false);
    }

    private void persist(StoredState state) throws IOException {
        long start = System.nanoTime();
        byte[] bytes = codec.encode(state);
        encodeNanos.addAndGet(System.nanoTime() - start);
        writer.replace(bytes);
    }

    private void notifyListeners(StoredState state) {
        for (Consumer<StoredState> l : listeners) {
            try {
                l.accept(state);
            } catch (RuntimeException e) {
                // The revision is durable already: a failing listener must not turn it into an error.
                LOG.errorf(e, "state listener failed on revision %d", state.revision());
            }
        }
    }

    private StoredState load() {
        try {
            for (Path stale : writer.deleteStaleTempFiles()) {
                LOG.warnf("deleted %s, left by an interrupted write of the state file", stale);
            }
        } catch (IOException e) {
            throw new StateFileException(file, "cannot clean up temp files: " + e, e);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            LOG.infof("state file %s does not exist yet; starting with an empty state", file);
            return new StoredState(0, DesiredState.EMPTY, Map.of());
        } catch (IOException e) {
            throw new StateFileException(file, "cannot be read: " + e, e);
        }
        StateFileCodec.Decoded decoded = codec.decode(file, bytes);
        List<Violation> violations = validation.all(decoded.state().state());
        if (!violations.isEmpty()) {
            throw new StateFileException(file, StateFileCodec.describe(violations, decoded.locations()), null);
        }
        LOG.infof("loaded state file %s: revision %d, %d objects", file, decoded.state().revision(),
                decoded.state().state().objectCount());
        return decoded.state();
    }
}
