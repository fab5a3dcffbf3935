package micros.kernel;

import micros.asm.ElfImage;
import micros.asm.ElfSymbol;
import micros.kernel.boot.KernelImage;
import micros.kernel.boot.SymbolTable;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The kernel's symbol table: built into the image from its code symbols, read by exception reports. */
class SymbolsTest {
    @Test
    void theImageNamesItsFunctionsNotTheirInnerLabels() {
        ElfImage image = KernelImage.build();
        List<String> named = SymbolTable.named(image.symbols()).stream().map(ElfSymbol::name).toList();
        assertTrue(named.containsAll(List.of("_start", "long_mode_entry", "kernel_main", "micros.kernel.Boot.main", "micros.kernel.Traps.handle")), named.toString());
        assertTrue(named.stream().noneMatch(n -> named.stream().anyMatch(o -> n.startsWith(o + ".L"))), "inner labels left out: " + named);
        assertTrue(image.symbol(SymbolTable.LABEL) > 0);
    }

    @Test
    void describesAddressesInsideASymbol() {
        WordMemory memory = new WordMemory();
        long layout = 0x1000, table = 0x2000, name = 0x3000;
        memory.store(layout + KernelLayout.SYMBOLS, 8, table);
        memory.store(table, 8, 2);
        memory.store(table + 8, 8, 0x10_0000); memory.store(table + 16, 8, 0x20); memory.store(table + 24, 8, name);
        memory.store(table + 32, 8, 0x10_0040); memory.store(table + 40, 8, 0x10); memory.store(table + 48, 8, name + 16);
        memory.write(name, "first\0".getBytes());
        memory.write(name + 16, "second\0".getBytes());
        SimulatedCpu cpu = new SimulatedCpu(memory);
        try (var installed = Machine.install(cpu)) {
            KernelLayout.use(layout);
            Symbols.describe(0x10_0004);
            Symbols.describe(0x10_0020);  // between the two: no name
            Symbols.describe(0x10_004f);
        }
        assertEquals(" <first+0x0000000000000004> <second+0x000000000000000f>", cpu.consoleText());
    }
}
