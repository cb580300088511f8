package io.lvsdirector.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmulatedJvmCrashTest {

    private static String report(String frame) {
        return "2026-12-03 INFO [io.lvsdirector.store.FileStateStore] (main) loaded state file\n"
                + "#\n# A fatal error has been detected by the Java Runtime Environment:\n#\n"
                + "#  SIGSEGV (0xb) at pc=0x00007f37c4a9f2af, pid=870, tid=875\n#\n"
                + "# Problematic frame:\n# " + frame + "\n#\n";
    }

    @Test
    void libraryJavaFramesCompiledOrInterpretedAreExcused() {
        assertTrue(EmulatedJvmCrash.inLibraryJavaCode(report(
                "j  com.fasterxml.jackson.core.json.JsonReadContext.createChildArrayContext(II)Lcom/fasterxml/jackson/core/json/JsonReadContext;+57")));
        assertTrue(EmulatedJvmCrash.inLibraryJavaCode(report(
                "J 1234 c1 org.yaml.snakeyaml.scanner.ScannerImpl.scanPlain()Lorg/yaml/snakeyaml/tokens/Token; (400 bytes)")));
    }

    @Test
    void nativeJvmOrProjectFramesAndCleanExitsAreNot() {
        assertFalse(EmulatedJvmCrash.inLibraryJavaCode(report("C  [libjffi-1.2.so+0x1234]")));
        assertFalse(EmulatedJvmCrash.inLibraryJavaCode(report("V  [libjvm.so+0x8f731a]")));
        assertFalse(EmulatedJvmCrash.inLibraryJavaCode(report("J 99 c2 io.lvsdirector.netlink.Attributes.put(I[B)V (30 bytes)")));
        assertFalse(EmulatedJvmCrash.inLibraryJavaCode("2026-12-03 INFO [io.quarkus] stopped in 0.1s\n"));
    }
}
