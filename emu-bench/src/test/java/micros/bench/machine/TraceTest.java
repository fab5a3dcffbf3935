package micros.bench.machine;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceTest {
    @Test
    void oneLinePerInstructionWithSymbolsDisassemblyAndChangedRegisters() throws Exception {
        StringWriter out = new StringWriter();
        try (Machine m = Machine.boot("micros.elf", Files.readAllBytes(MachineBootTest.KERNEL), MachineConfig.defaults())) {
            m.trace(out);
            assertInstanceOf(StopReason.Halted.class, m.run(MachineBootTest.BUDGET));
            List<String> lines = out.toString().lines().toList();
            assertEquals(m.instructionsExecuted(), lines.size(), "one line per instruction");
            assertTrue(lines.getFirst().contains("ljmp"), "the loader's trampoline comes first: " + lines.getFirst());
            String entry = lines.stream().filter(l -> l.contains("<long_mode_entry>")).findFirst().orElseThrow();
            String address = String.format("%016x", m.symbols().address("long_mode_entry"));
            assertTrue(entry.matches(address + " <long_mode_entry> +66 b8 10 00 +mov ax, 0x10 +; rax=[0-9a-f]*10"), entry);
            assertTrue(lines.stream().anyMatch(l -> l.contains("<_start>") && l.contains("cli")));
            assertTrue(lines.getLast().contains("hlt"), lines.getLast());
        }
    }

    @Test
    void untilASymbolStopsBeforeItRuns() throws Exception {
        try (Machine m = Machine.boot("micros.elf", Files.readAllBytes(MachineBootTest.KERNEL), MachineConfig.defaults())) {
            long at = m.symbols().address("long_mode_entry");
            m.stopAt(at, "long_mode_entry");
            assertEquals(new StopReason.Breakpoint("long_mode_entry", at), m.run(MachineBootTest.BUDGET));
            assertEquals(64, m.mode());
            assertEquals("", m.serial().text(), "the banner comes after");
            assertInstanceOf(StopReason.Halted.class, m.run(MachineBootTest.BUDGET), "and it runs on from there");
            assertEquals("micros: long mode\n", m.serial().text());
        }
    }
}
