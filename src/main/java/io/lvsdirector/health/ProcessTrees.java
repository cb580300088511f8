package io.lvsdirector.health;

import java.util.List;

/** Kills a process together with everything it started. */
final class ProcessTrees {

    private ProcessTrees() {
    }

    /**
     * Top-down: a process's children are listed before it is killed (once it is gone they are
     * re-parented and no longer reachable through it), and it is killed before its children so that
     * it cannot start new ones behind our back.
     */
    static void killForcibly(ProcessHandle process) {
        List<ProcessHandle> children = process.children().toList();
        process.destroyForcibly();
        children.forEach(ProcessTrees::killForcibly);
    }
}
