package micros.cli;

import micros.bench.machine.CpuModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --cpu} as a user gives it: help lists the models in every command that takes it, and the model reaches the kernel. */
class CpuOptionTest {
    static final String KERNEL = "../kernel/target/micros.elf";

    @ParameterizedTest
    @ValueSource(strings = {"boot", "step", "gdb", "compare", "qemu"})
    void helpListsEveryModelAndRunsNothing(String command) {
        Run r = Run.of(command, "--cpu", "help");
        assertEquals(0, r.status(), r.err());
        assertEquals(CpuModel.values().length + 2, r.out().lines().count(), "a heading, one line a model, the footnote:\n" + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("epyc-rome +EPYC-Rome +yes +yes +yes +yes +no")), r.out());
    }

    /** micros.elf, which checks CPUID for long mode, boots on qemu64 and reports a 486. */
    @Test
    void theKernelRunsOnTheChosenModel() {
        Run qemu64 = Run.of("boot", "--kernel", KERNEL, "--cpu", "qemu64", "--max-insns", "20M");
        assertTrue(qemu64.out().contains("micros: long mode"), qemu64.out());
        Run i486 = Run.of("boot", "--kernel", KERNEL, "--cpu", "486");
        assertEquals(0, i486.status(), i486.out() + i486.err());
        assertTrue(i486.out().contains("no long mode"), i486.out());
    }
}
