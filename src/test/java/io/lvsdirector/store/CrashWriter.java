package io.lvsdirector.store;

import io.lvsdirector.model.DesiredState;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashDurabilityTest}: writes real servers through a {@link FileStateStore}
 * from several threads, forever, and prints {@code ACK <revision> <name> <weight> <object revision>} after each
 * write() returns, i.e. once the store says the write is durable. The test SIGKILLs it.
 *
 * <p>Each thread owns its names ({@code t<thread>-<slot>}) and writes ever larger weights, so a
 * later state holds, for every acknowledged write, that object with at least that weight.
 */
public final class CrashWriter {

    static final int SLOTS = 20;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        PrintStream out = System.out;
        FileStateStore store = TestStates.open(file);
        store.write(CrashWriter::withBase, false);
        synchronized (out) {
            out.println("READY " + store.current().revision());
            out.flush();
        }
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String name = "t" + id + "-" + (i % SLOTS);
                    int weight = Math.min(i + 1, 65535);
                    int n = id * 1000 + i % SLOTS;
                    CommitResult r = store.write(
                            c -> TestStates.put(c.state(), TestStates.realServer(name, n, weight)), false);
                    synchronized (out) {
                        // The object's own revision too: a write that changed nothing keeps the old one.
                        long objectRevision = r.after().revisionOf(
                                io.lvsdirector.model.ObjectKey.realServer(TestStates.SERVICE, name));
                        out.println("ACK " + r.after().revision() + " " + name + " " + weight + " " + objectRevision);
                        out.flush();
                    }
                }
            }, "writer-" + t);
            w.start();
            writers.add(w);
        }
        for (Thread w : writers) {
            w.join();
        }
    }

    /** The state with the VIP and service the real servers need, keeping everything else. */
    private static DesiredState withBase(StoredState c) {
        DesiredState s = c.state();
        if (s.virtualService(TestStates.SERVICE).isPresent()) {
            return s;
        }
        DesiredState base = TestStates.base();
        return new DesiredState(s.vrrpInstances(), base.vips(), base.virtualServices(), s.realServers());
    }
}
