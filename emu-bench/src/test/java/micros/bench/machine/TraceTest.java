package micros.bench.machine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceTest {
    @Test
    void oneLinePerInstructionWithSymbolsDisassemblyAndChangedRegisters() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Machine m = Machine.boot("micros.elf", Files.readAllBytes(MachineBootTest.KERNEL), MachineConfig.defaults())) {
            m.trace(out);
            assertInstanceOf(StopReason.Halted.class, m.run(MachineBootTest.BUDGET));
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(m.instructionsExecuted(), lines.size(), "one line per instruction (no delivery notes on this boot)");
            // The trampoline runs on selector 0x08 (of the bench's own GDT); the far jump to the loader's 32-bit
            // code segment (0x10, where GRUB has it) changes the mode and CS.
            assertTrue(lines.getFirst().matches("0+f[0-9a-f]{4} +ff 2c 25 [0-9a-f ]+ljmp \\[0x[0-9a-f]+\\]  ; cs=10"),
                    "the loader's trampoline comes first: " + lines.getFirst());
            // Each line reports exactly what its instruction changed, system registers included.
            assertTrue(lines.get(1).matches("0+f[0-9a-f]{4} +0f 20 c1 +mov ecx, cr0  ; rcx=[0-9a-f]+"), lines.get(1));
            String pagingOn = lines.stream().filter(l -> l.contains("mov cr0, eax")).reduce((a, b) -> b).orElseThrow();
            assertTrue(pagingOn.endsWith("; cr0=80000011"), pagingOn);
            String cr3 = lines.stream().filter(l -> l.contains("<_start") && l.contains("mov cr3, eax")).findFirst().orElseThrow();
            assertTrue(cr3.matches(".* ; cr3=[0-9a-f]+"), cr3);
            String entry = lines.stream().filter(l -> l.contains("<long_mode_entry>")).findFirst().orElseThrow();
            String address = String.format("%016x", m.symbols().address("long_mode_entry"));
            assertTrue(entry.matches(address + " <long_mode_entry> +66 b8 10 00 +mov ax, 0x10 +; rax=[0-9a-f]*10"), entry);
            // After the far jump into the 64-bit code segment (same selector, new GDT) code decodes as 64-bit.
            String movabs = lines.get(lines.indexOf(entry) + 6);
            assertTrue(movabs.matches(".*<long_mode_entry\\+0xe> +48 bc [0-9a-f ]+ movabs rsp, 0x[0-9a-f]+  ; rsp=[0-9a-f]+"), movabs);
            assertTrue(lines.stream().anyMatch(l -> l.contains("<_start>") && l.contains("cli")));
            assertTrue(lines.getLast().contains("hlt"), lines.getLast());
        }
    }

    /**
     * The tracer reads after each instruction only the registers it can have changed; reading all of them
     * everywhere must give the same trace: the real kernel, and kernels that go to ring 3 and take exceptions.
     */
    @Test
    void readingOnlyWhatAnInstructionCanChangeGivesTheSameTraceAsReadingEverything() throws Exception {
        java.util.Map<String, byte[]> kernels = new java.util.LinkedHashMap<>();
        kernels.put("micros.elf", Files.readAllBytes(MachineBootTest.KERNEL));
        kernels.put("exceptions.elf", micros.fixtures.ExceptionKernels.breakpointAndDoubleFault().bytes());
        kernels.put("user-page-fault.elf", micros.fixtures.ExceptionKernels.userPageFault().bytes());
        kernels.put("user-interrupts.elf", micros.fixtures.ExceptionKernels.userInterrupts().bytes());
        for (var kernel : kernels.entrySet()) {
            String selective = trace(kernel.getKey(), kernel.getValue(), false), exhaustive = trace(kernel.getKey(), kernel.getValue(), true);
            List<String> a = selective.lines().toList(), b = exhaustive.lines().toList();
            for (int i = 0; i < Math.min(a.size(), b.size()); i++)
                assertEquals(b.get(i), a.get(i), kernel.getKey() + ", line " + (i + 1));
            assertEquals(b.size(), a.size(), kernel.getKey());
        }
    }

    @Test
    void deliveriesAreNotedBetweenInstructions() {
        var image = micros.fixtures.ExceptionKernels.userPageFault();
        List<String> lines = trace("user-page-fault.elf", image.bytes(), false).lines().toList();
        int note = lines.indexOf("-- vector 14 (#PF page fault, error code 0x4) delivered to 0x" + Long.toHexString(image.symbol("pf_handler"))
                + " <pf_handler>, cr2 0x" + Long.toHexString(micros.fixtures.ExceptionKernels.UNMAPPED));
        assertTrue(note > 0, String.join("\n", lines.stream().filter(l -> l.startsWith("--")).toList()));
        assertTrue(lines.get(note - 1).contains("<user_fault>"), "after the faulting instruction: " + lines.get(note - 1));
        assertTrue(lines.get(note + 1).contains("<pf_handler>"), "before the handler's first: " + lines.get(note + 1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("-- vector 13 (#GP general protection, error code 0x0) delivered to ")));
    }

    private static String trace(String name, byte[] kernel, boolean exhaustive) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Machine m = Machine.boot(name, kernel, MachineConfig.defaults())) {
            m.trace(out, exhaustive);
            StopReason why = m.run(MachineBootTest.BUDGET);
            assertInstanceOf(StopReason.Halted.class, why, name + (exhaustive ? " (exhaustive): " : ": ") + why);
        }
        return out.toString(StandardCharsets.UTF_8);
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
            assertTrue(m.serial().text().startsWith("micros: long mode\n"), m.serial().text());
        }
    }
}
