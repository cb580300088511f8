package io.lvsdirector.ipvs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel services this director created or adopted. Without this record a service deleted
 * through the API while the director was down would look foreign after a restart and stay in
 * the kernel. Kept in a small file beside the state file, one ipvsadm-style key per line.
 */
public final class OwnedServices {

    private final Path file;
    private final TreeSet<ServiceKey> keys = new TreeSet<>();

    /** @param file where to keep the set, or null to keep it in memory only */
    public OwnedServices(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        keys.add(ServiceKeys.parse(line.strip()));
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot read owned-services file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public synchronized Set<ServiceKey> keys() {
        return Set.copyOf(keys);
    }

    synchronized void add(ServiceKey key) {
        if (keys.add(key)) {
            save();
        }
    }

    synchronized void addAll(Collection<ServiceKey> more) {
        if (keys.addAll(more)) {
            save();
        }
    }

    /** Adds and removes keys with one save (one fsync per reconcile pass, not one per service). */
    synchronized void update(Collection<ServiceKey> add, Collection<ServiceKey> remove) {
        boolean changed = keys.addAll(add);
        changed |= keys.removeAll(remove);
        if (changed) {
            save();
        }
    }

    synchronized void remove(ServiceKey key) {
        if (keys.remove(key)) {
            save();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        List<String> lines = keys.stream().map(ServiceKeys::format).toList();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write owned-services file " + file, e);
        }
    }
}
