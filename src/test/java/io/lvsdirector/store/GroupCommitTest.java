package io.lvsdirector.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvsdirector.model.ObjectKey;
import io.lvsdirector.model.RealServer;
import io.lvsdirector.model.Vip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Concurrent writers: serialized, no lost update, exact revisions, shared fsyncs. */
class GroupCommitTest {

    private static final int THREADS = 16;

    @TempDir
    Path dir;

    /** Runs {@code task(thread)} on {@link #THREADS} threads released together; rethrows failures. */
    private static void concurrently(int threads, ThrowingIntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    go.await();
                    task.accept(id);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    interface ThrowingIntConsumer {
        void accept(int value) throws Exception;
    }

    @ParameterizedTest(name = "groupCommit={0}")
    @ValueSource(booleans = {true, false})
    void concurrentReadModifyWriteLosesNoUpdate(boolean groupCommit) throws Exception {
        Path file = dir.resolve("state.json");
        FileStateStore store = TestStates.open(file, groupCommit);
        store.write(c -> TestStates.put(TestStates.base(), TestStates.realServer("counter", 1, 0)), false);
        List<Long> heard = Collections.synchronizedList(new ArrayList<>());
        store.addListener(s -> heard.add(s.revision()));
        int perThread = 25;

        concurrently(THREADS, t -> {
            for (int i = 0; i < perThread; i++) {
                CommitResult r = store.write(c -> {
                    RealServer rs = c.state().realServer(TestStates.SERVICE, "counter").orElseThrow();
                    return TestStates.put(c.state(), TestStates.realServer("counter", 1, rs.weight() + 1));
                }, false);
                // write() returned: its revision is durable and visible.
                assertTrue(store.current().revision() >= r.after().revision());
            }
        });

        int total = THREADS * perThread;
        StoredState end = store.current();
        assertEquals(total, end.state().realServer(TestStates.SERVICE, "counter").orElseThrow().weight());
        assertEquals(1 + total, end.revision());
        assertEquals(end.revision(), end.revisionOf(ObjectKey.realServer(TestStates.SERVICE, "counter")));
        assertEquals(end, TestStates.open(file).current(), "what the file holds is what was acknowledged");
        List<Long> expected = new ArrayList<>();
        for (long r = 2; r <= 1 + total; r++) {
            expected.add(r);
        }
        assertEquals(expected, heard, "listeners hear every revision once, in order");
        CommitStats stats = store.stats();
        assertEquals(1 + total, stats.commits());
        if (groupCommit) {
            assertTrue(stats.flushes() < stats.commits(), "some fsyncs were shared: " + stats);
        } else {
            assertEquals(stats.commits(), stats.flushes(), "one fsync per write without group commit");
        }
    }

    @Test
    void perObjectRevisionsAreExactUnderConcurrency() throws Exception {
        Path file = dir.resolve("state.json");
        FileStateStore store = TestStates.open(file);
        store.write(c -> TestStates.base(), false);
        Map<ObjectKey, Long> acked = new ConcurrentHashMap<>();
        AtomicInteger n = new AtomicInteger();

        concurrently(THREADS, t -> {
            for (int i = 0; i < 10; i++) {
                int id = n.incrementAndGet();
                String name = "rs-" + id;
                CommitResult r = store.write(c -> TestStates.put(c.state(), TestStates.realServer(name, id, 1)), false);
                ObjectKey key = ObjectKey.realServer(TestStates.SERVICE, name);
                assertEquals(List.of(key), r.changes().stream().map(Change::key).toList());
                assertEquals(r.before().revision() + 1, r.after().revision());
                assertEquals(r.after().revision(), r.after().revisionOf(key));
                acked.put(key, r.after().revision());
            }
        });

        StoredState loaded = TestStates.open(file).current();
        assertEquals(1 + THREADS * 10, loaded.revision());
        acked.forEach((k, rev) -> assertEquals(rev, loaded.revisionOf(k), k.toString()));
        assertEquals(1L, loaded.revisionOf(ObjectKey.of(io.lvsdirector.model.ObjectKind.VIP, "web-vip")));
        assertEquals(Long.valueOf(THREADS * 10), acked.values().stream().distinct().count() + 0L,
                "every write got its own revision");
    }

    @Test
    void aBadWriteFailsOnlyItself() throws Exception {
        Path file = dir.resolve("state.json");
        FileStateStore store = TestStates.open(file);
        store.write(c -> TestStates.base(), false);
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger n = new AtomicInteger();

        concurrently(THREADS, t -> {
            for (int i = 0; i < 10; i++) {
                int id = n.incrementAndGet();
                boolean bad = id % 3 == 0;
                try {
                    store.write(c -> {
                        if (bad) {
                            // prefixLength 999 breaks Bean Validation
                            List<Vip> vips = new ArrayList<>(c.state().vips());
                            vips.add(new Vip("bad-" + id, "192.0.2.99", 999, null, null));
                            return TestStates.withVips(c.state(), vips);
                        }
                        return TestStates.put(c.state(), TestStates.realServer("rs-" + id, id, 1));
                    }, false);
                    assertFalse(bad, "an invalid write was accepted");
                } catch (InvalidStateException e) {
                    assertTrue(bad, "a valid write was rejected: " + e.getMessage());
                    assertTrue(e.getMessage().contains("prefixLength"), e.getMessage());
                    rejected.incrementAndGet();
                }
            }
        });

        int good = THREADS * 10 - rejected.get();
        StoredState loaded = TestStates.open(file).current();
        assertEquals(THREADS * 10 / 3, rejected.get());
        assertEquals(good, loaded.state().realServers().size());
        assertEquals(1, loaded.state().vips().size());
        assertEquals(1 + good, loaded.revision());
    }

    @Test
    void aThrowingChangeOrListenerHarmsNoOtherWrite() throws Exception {
        Path file = dir.resolve("state.json");
        FileStateStore store = TestStates.open(file);
        store.addListener(s -> {
            throw new IllegalStateException("listener bug");
        });
        store.write(c -> TestStates.base(), false);
        try {
            store.write(c -> {
                throw new PreconditionFailedException("stale");
            }, false);
        } catch (PreconditionFailedException expected) {
            // the change itself refused
        }
        CommitResult same = store.write(c -> c.state(), false);
        assertTrue(same.changes().isEmpty());
        assertEquals(1, same.after().revision(), "a write that changes nothing makes no revision");
        assertEquals(1, TestStates.open(file).current().revision());
    }

    @ParameterizedTest(name = "groupCommit={0}")
    @ValueSource(booleans = {true, false})
    void anInterruptedWriterStillCommitsAndKeepsItsInterrupt(boolean groupCommit) {
        Path file = dir.resolve("state.json");
        FileStateStore store = TestStates.open(file, groupCommit);
        Thread.currentThread().interrupt();
        try {
            store.write(c -> TestStates.base(), false);
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
        assertEquals(1, TestStates.open(file).current().revision());
    }

    @Test
    void listenersRunAfterTheRevisionIsOnDisk() throws Exception {
        Path file = dir.resolve("state.json");
        FileStateStore store = TestStates.open(file);
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        store.addListener(s -> {
            long onDisk = new StateFileCodec().decode(file, readAll(file)).state().revision();
            if (onDisk < s.revision()) {
                problems.add("revision " + s.revision() + " announced while the file held " + onDisk);
            }
        });
        store.write(c -> TestStates.base(), false);
        AtomicInteger n = new AtomicInteger();
        concurrently(8, t -> {
            for (int i = 0; i < 5; i++) {
                int id = n.incrementAndGet();
                store.write(c -> TestStates.put(c.state(), TestStates.realServer("rs-" + id, id, 1)), false);
            }
        });
        assertEquals(List.of(), problems);
    }

    private static byte[] readAll(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
