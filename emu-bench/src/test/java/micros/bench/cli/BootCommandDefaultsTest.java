package micros.bench.cli;

import micros.bench.machine.CpuModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@code ./micros boot} (and step, gdb) boot when not told: our kernel with our memory manager. */
class BootCommandDefaultsTest {
    static BootCommand.Options options(Path kernel, List<String> modules) {
        return new BootCommand.Options(kernel, modules, BootCommand.DEFAULT_MEMORY, BootCommand.DEFAULT_BUDGET, "", null, null, null, 1000, CpuModel.DEFAULT);
    }

    @Test
    void noOptionsBootTheKernelWithTheMemoryManager() {
        BootCommand.Options o = options(null, List.of());
        assertEquals(Path.of("kernel/target/micros.elf"), o.kernel());
        assertEquals(List.of("memory-manager/target/memory_manager.elf:memory_manager"), o.modules());
    }

    @Test
    void anotherKernelGetsOnlyTheModulesGiven() {
        assertEquals(List.of(), options(Path.of("fixtures/target/hello.elf"), List.of()).modules());
    }

    @Test
    void modulesGivenReplaceTheDefault() {
        BootCommand.Options o = options(null, List.of("other.elf:memory_manager"));
        assertEquals(Path.of("kernel/target/micros.elf"), o.kernel());
        assertEquals(List.of("other.elf:memory_manager"), o.modules());
    }
}
