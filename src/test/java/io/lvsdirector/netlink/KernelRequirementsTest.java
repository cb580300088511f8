package io.lvsdirector.netlink;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class KernelRequirementsTest {

    @Test
    void missingRequirementFailsOnCiAndSkipsElsewhere() {
        List<String> missing = List.of("root (effective uid is 1000)");
        AssertionFailedError onCi = assertThrows(AssertionFailedError.class,
                () -> KernelRequirements.enforce(missing, true));
        assertTrue(onCi.getMessage().contains("root (effective uid is 1000)"), onCi.getMessage());
        assertTrue(onCi.getMessage().contains("CI=true"), onCi.getMessage());

        TestAbortedException onLaptop = assertThrows(TestAbortedException.class,
                () -> KernelRequirements.enforce(missing, false));
        assertTrue(onLaptop.getMessage().contains("root"), onLaptop.getMessage());
    }

    @Test
    void nothingMissingPasses() {
        assertDoesNotThrow(() -> KernelRequirements.enforce(List.of(), true));
        assertTrue(KernelRequirements.effectiveUid() >= 0);
    }
}
