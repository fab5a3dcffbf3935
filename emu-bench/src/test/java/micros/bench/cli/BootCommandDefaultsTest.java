package micros.bench.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What {@code ./micros boot} (and step, gdb) boot when not told: our kernel with our memory manager. */
class BootCommandDefaultsTest {
    @Test
    void noOptionsBootTheKernelWithTheMemoryManager() {
        BootCommand.Options o = BootCommand.parse(new String[0]);
        assertEquals(Path.of("kernel/target/micros.elf"), o.kernel());
        assertEquals(List.of("memory-manager/target/memory_manager.elf:memory_manager"), o.modules());
    }

    @Test
    void anotherKernelGetsOnlyTheModulesGiven() {
        assertEquals(List.of(), BootCommand.parse(new String[] {"--kernel", "fixtures/target/hello.elf"}).modules());
    }

    @Test
    void modulesGivenReplaceTheDefault() {
        BootCommand.Options o = BootCommand.parse(new String[] {"--module", "other.elf:memory_manager"});
        assertEquals(Path.of("kernel/target/micros.elf"), o.kernel());
        assertEquals(List.of("other.elf:memory_manager"), o.modules());
    }
}
