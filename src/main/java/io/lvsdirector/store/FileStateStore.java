package io.lvsdirector.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lvsdirector.model.DesiredState;
import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.StateValidator;
import io.lvsdirector.model.Violation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The state file: load at start, atomic durable replace on every commit (temp file, fsync,
 * rename, fsync the directory). Writes are serialized by a lock.
 */
public class FileStateStore implements StateStore {

    private final Path file;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final List<Consumer<StoredState>> listeners = new CopyOnWriteArrayList<>();
    private volatile StoredState current;

    public FileStateStore(Path file, ObjectMapper mapper, Validator validator) {
        this.file = file.toAbsolutePath();
        this.mapper = mapper;
        this.validator = validator;
        this.current = load();
    }

    public Path file() {
        return file;
    }

    @Override
    public StoredState current() {
        return current;
    }

    @Override
    public synchronized CommitResult write(StateChange change, boolean dryRun) {
        StoredState before = current;
        DesiredState next = change.apply(before);
        List<Violation> violations = validate(next);
        if (!violations.isEmpty()) {
            throw new InvalidStateException(violations);
        }
        List<Change> changes = StateDiff.between(before.state(), next);
        if (changes.isEmpty()) {
            return new CommitResult(before, before, changes, dryRun);
        }
        StoredState after = StateDiff.advance(before, next, changes);
        if (dryRun) {
            return new CommitResult(before, after, changes, true);
        }
        persist(after);
        current = after;
        listeners.forEach(l -> l.accept(after));
        return new CommitResult(before, after, changes, false);
    }

    @Override
    public void addListener(Consumer<StoredState> listener) {
        listeners.add(listener);
    }

    private List<Violation> validate(DesiredState state) {
        List<Violation> out = new ArrayList<>(BeanViolations.of(validator, state));
        out.addAll(StateValidator.validate(state));
        return out;
    }

    private StoredState load() {
        if (!Files.exists(file)) {
            return new StoredState(0, DesiredState.EMPTY, java.util.Map.of());
        }
        StateFile sf;
        try {
            sf = mapper.readValue(file.toFile(), StateFile.class);
        } catch (IOException e) {
            throw new StateFileException(file, e.getMessage(), e);
        }
        StoredState loaded = sf.toStoredState();
        List<Violation> violations = validate(loaded.state());
        if (!violations.isEmpty()) {
            throw new StateFileException(file, "invalid state: " + violations, null);
        }
        return loaded;
    }

    private void persist(StoredState state) {
        try {
            byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(StateFile.of(state));
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + file, e);
        }
    }

    /** On-disk layout; {@code objectRevisions} keys are {@link ObjectKey#toString()} forms. */
    record StateFile(int format, long revision, java.util.Map<String, Long> objectRevisions, DesiredState state) {
        static StateFile of(StoredState s) {
            java.util.Map<String, Long> revs = new java.util.TreeMap<>();
            s.objectRevisions().forEach((k, v) -> revs.put(k.toString(), v));
            return new StateFile(1, s.revision(), revs, s.state());
        }

        StoredState toStoredState() {
            java.util.Map<ObjectKey, Long> revs = new java.util.HashMap<>();
            for (ObjectKey key : StateDiff.keysOf(state)) {
                revs.put(key, objectRevisions == null ? revision : objectRevisions.getOrDefault(key.toString(), revision));
            }
            return new StoredState(revision, state == null ? DesiredState.EMPTY : state, revs);
        }
    }
}
