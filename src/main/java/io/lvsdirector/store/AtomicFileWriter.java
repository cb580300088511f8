package io.lvsdirector.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces a file so that after a crash or power cut it holds either the old or the new bytes,
 * complete: write a temp file in the same directory (a rename is only atomic within one file
 * system), fsync it (else the rename can reach the disk before the data), rename it over the
 * target, fsync the directory (else the rename itself can be lost).
 */
final class AtomicFileWriter {

    /** The file-system calls whose order makes the replace durable; a seam so tests can check it. */
    interface FileOps {
        Path createTemp(Path dir, String prefix, String suffix) throws IOException;

        /** Writes all bytes and forces them (and the file's size) to the device. */
        void writeAndSync(Path file, byte[] bytes) throws IOException;

        void renameOver(Path from, Path to) throws IOException;

        void syncDirectory(Path dir) throws IOException;

        void deleteIfExists(Path file) throws IOException;
    }

    static final FileOps NIO = new FileOps() {
        @Override
        public Path createTemp(Path dir, String prefix, String suffix) throws IOException {
            // Created rw------- : the state can hold VRRP passwords.
            return Files.createTempFile(dir, prefix, suffix);
        }

        @Override
        public void writeAndSync(Path file, byte[] bytes) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        }

        @Override
        public void renameOver(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            Files.deleteIfExists(file);
        }
    };

    private static final String TEMP_SUFFIX = ".tmp";

    private final Path target;
    private final FileOps ops;

    AtomicFileWriter(Path target, FileOps ops) {
        this.target = target.toAbsolutePath();
        this.ops = ops;
    }

    /** Durably replaces the target's content with {@code bytes}. */
    void replace(byte[] bytes) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = ops.createTemp(dir, tempPrefix(), TEMP_SUFFIX);
        boolean renamed = false;
        try {
            ops.writeAndSync(tmp, bytes);
            ops.renameOver(tmp, target);
            renamed = true;
            ops.syncDirectory(dir);
        } finally {
            if (!renamed) {
                ops.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Deletes temp files left by a process that died between creating and renaming them. They are
     * never read: until renamed a temp file is not the state, whatever it holds. Call only while no
     * other process writes the same state file.
     */
    List<Path> deleteStaleTempFiles() throws IOException {
        List<Path> deleted = new ArrayList<>();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return deleted;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, p -> isTempName(p.getFileName().toString()))) {
            for (Path p : stream) {
                if (Files.isRegularFile(p)) {
                    ops.deleteIfExists(p);
                    deleted.add(p);
                }
            }
        }
        return deleted;
    }

    private String tempPrefix() {
        return target.getFileName() + ".";
    }

    private boolean isTempName(String name) {
        return name.startsWith(tempPrefix()) && name.endsWith(TEMP_SUFFIX);
    }
}
