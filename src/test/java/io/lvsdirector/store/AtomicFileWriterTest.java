package io.lvsdirector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of file-system calls that makes a replace survive a power cut. SIGKILL tests cannot
 * show this (the page cache survives a killed process), so the order is checked here directly.
 */
class AtomicFileWriterTest {

    @TempDir
    Path dir;

    /** Real file operations, logged; optionally failing the data sync once. */
    static final class RecordingOps implements AtomicFileWriter.FileOps {
        final List<String> calls = new ArrayList<>();
        final AtomicBoolean failNextSync = new AtomicBoolean();
        /** When set, the next data sync signals {@code entered}, waits for {@code release}, then fails. */
        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        @Override
        public synchronized Path createTemp(Path dir, String prefix, String suffix) throws IOException {
            Path p = AtomicFileWriter.NIO.createTemp(dir, prefix, suffix);
            calls.add("createTemp " + dir.relativize(p).toString().replaceAll("\\d+", "N"));
            return p;
        }

        @Override
        public void writeAndSync(Path file, byte[] bytes) throws IOException {
            CountDownLatch in = entered;
            if (in != null) {
                entered = null;
                in.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                throw new IOException("EIO (simulated, after a stall)");
            }
            synchronized (this) {
                writeAndSyncLogged(file, bytes);
            }
        }

        private void writeAndSyncLogged(Path file, byte[] bytes) throws IOException {
            calls.add("writeAndSync " + file.getFileName().toString().replaceAll("\\d+", "N"));
            if (failNextSync.getAndSet(false)) {
                throw new IOException("EIO (simulated)");
            }
            AtomicFileWriter.NIO.writeAndSync(file, bytes);
        }

        @Override
        public synchronized void renameOver(Path from, Path to) throws IOException {
            calls.add("renameOver " + from.getFileName().toString().replaceAll("\\d+", "N") + " -> " + to.getFileName());
            AtomicFileWriter.NIO.renameOver(from, to);
        }

        @Override
        public synchronized void syncDirectory(Path d) throws IOException {
            calls.add("syncDirectory " + d.getFileName());
            AtomicFileWriter.NIO.syncDirectory(d);
        }

        @Override
        public synchronized void deleteIfExists(Path file) throws IOException {
            calls.add("deleteIfExists " + file.getFileName().toString().replaceAll("\\d+", "N"));
            AtomicFileWriter.NIO.deleteIfExists(file);
        }
    }

    @Test
    void replaceWritesSyncsTempThenRenamesThenSyncsDirectory() throws Exception {
        Path target = dir.resolve("sub/state.json");
        RecordingOps ops = new RecordingOps();
        new AtomicFileWriter(target, ops).replace("hello\n".getBytes());
        assertEquals(List.of(
                "createTemp state.json.N.tmp",
                "writeAndSync state.json.N.tmp",
                "renameOver state.json.N.tmp -> state.json",
                "syncDirectory sub"), ops.calls);
        assertEquals("hello\n", Files.readString(target));
        try (var s = Files.list(target.getParent())) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void failedSyncDeletesTempAndLeavesTargetAlone() throws Exception {
        Path target = dir.resolve("state.json");
        Files.writeString(target, "old");
        RecordingOps ops = new RecordingOps();
        ops.failNextSync.set(true);
        assertThrows(IOException.class, () -> new AtomicFileWriter(target, ops).replace("new".getBytes()));
        assertEquals("old", Files.readString(target));
        assertEquals("deleteIfExists state.json.N.tmp", ops.calls.get(ops.calls.size() - 1));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void storeCommitUsesTheDurableSequenceAndDryRunTouchesNothing() {
        Path file = dir.resolve("state.json");
        RecordingOps ops = new RecordingOps();
        FileStateStore store = new FileStateStore(file, new StateFileCodec(new ObjectMapper()), TestStates.validator(),
                ops, true);
        store.write(c -> TestStates.base(), false);
        assertEquals(4, ops.calls.size(), ops.calls.toString());
        assertTrue(ops.calls.get(1).startsWith("writeAndSync") && ops.calls.get(3).startsWith("syncDirectory"));

        ops.calls.clear();
        CommitResult preview = store.write(c -> TestStates.put(c.state(), TestStates.realServer("web-1", 1, 1)), true);
        assertTrue(preview.dryRun());
        assertEquals(2, preview.after().revision());
        assertEquals(1, preview.changes().size());
        assertEquals(List.of(), ops.calls, "a dry run does not touch the disk");
        assertEquals(1, store.current().revision());
        assertEquals(1, TestStates.open(file).current().revision());
    }

    @Test
    void aWriteAppliedOnTopOfAFailingFlushFailsTooAndNothingOfEitherRemains() throws Exception {
        Path file = dir.resolve("state.json");
        RecordingOps ops = new RecordingOps();
        FileStateStore store = new FileStateStore(file, new StateFileCodec(new ObjectMapper()), TestStates.validator(),
                ops, true);
        store.write(c -> TestStates.base(), false);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch applied = new CountDownLatch(1);
        ops.release = new CountDownLatch(1);
        ops.entered = entered;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> a = pool.submit(() -> store.write(c -> TestStates.put(c.state(), TestStates.realServer("a", 1, 1)), false));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the first flush started");
            Future<?> b = pool.submit(() -> store.write(c -> {
                assertTrue(c.state().realServer(TestStates.SERVICE, "a").isPresent(), "b sees a, not yet durable");
                applied.countDown();
                return TestStates.put(c.state(), TestStates.realServer("b", 2, 1));
            }, false));
            assertTrue(applied.await(30, TimeUnit.SECONDS));
            ops.release.countDown();
            ExecutionException ea = assertThrows(ExecutionException.class, () -> a.get(30, TimeUnit.SECONDS));
            ExecutionException eb = assertThrows(ExecutionException.class, () -> b.get(30, TimeUnit.SECONDS));
            assertTrue(ea.getCause() instanceof UncheckedIOException, ea.toString());
            assertTrue(eb.getCause() instanceof UncheckedIOException, "b was built on a: " + eb);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, store.current().revision());
        StoredState c = store.write(s -> TestStates.put(s.state(), TestStates.realServer("c", 3, 1)), false).after();
        assertEquals(2, c.revision());
        assertEquals(List.of("c"), c.state().realServers().stream().map(io.lvsdirector.model.RealServer::name).toList());
        assertEquals(c, TestStates.open(file).current());
    }

    @Test
    void failedFlushFailsTheWriteKeepsTheOldStateAndTheNextWriteSucceeds() throws Exception {
        Path file = dir.resolve("state.json");
        RecordingOps ops = new RecordingOps();
        FileStateStore store = new FileStateStore(file, new StateFileCodec(new ObjectMapper()), TestStates.validator(),
                ops, true);
        store.write(c -> TestStates.base(), false);
        String before = Files.readString(file);
        List<StoredState> seen = new ArrayList<>();
        store.addListener(seen::add);

        ops.failNextSync.set(true);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> store.write(c -> TestStates.put(c.state(), TestStates.realServer("web-1", 1, 1)), false));
        assertTrue(e.getMessage().contains("EIO"), e.getMessage());
        assertEquals(1, store.current().revision());
        assertEquals(before, Files.readString(file));
        assertEquals(List.of(), seen, "listeners hear only of durable revisions");

        StoredState after = store.write(c -> TestStates.put(c.state(), TestStates.realServer("web-2", 2, 1)), false).after();
        assertEquals(2, after.revision(), "the failed write used no revision number");
        assertFalse(after.state().realServer(TestStates.SERVICE, "web-1").isPresent());
        assertEquals(after, TestStates.open(file).current());
        assertEquals(List.of(after), seen);
    }
}
