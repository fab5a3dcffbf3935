package micros.crosscheck.boot;

import micros.asm.ElfFile;
import micros.asm.ElfImage;
import micros.bench.machine.BootModule;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.fixtures.MemoryManagers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Memory managers that each do one thing ring 3 must not: every one is a fault the kernel's IDT takes,
 * reported on COM1 with the vector and CPL 3, then a clean halt, the kernel's loaded bytes unchanged.
 */
class IsolationTest {
    record Probe(String name, ElfImage mm, String vector) {}

    @TestFactory
    Stream<DynamicTest> eachForbiddenThingIsADeliveredFault() throws Exception {
        byte[] kernel = Files.readAllBytes(KernelBootTest.KERNEL);
        ElfFile elf = ElfFile.read("micros.elf", kernel);
        return Stream.of(
                new Probe("write kernel memory", MemoryManagers.writeKernel(), "#PF page fault (vector 14)"),
                new Probe("execute a page without X", MemoryManagers.executeData(), "#PF page fault (vector 14)"),
                new Probe("hlt", MemoryManagers.halt(), "#GP general protection (vector 13)"),
                new Probe("cli", MemoryManagers.disableInterrupts(), "#GP general protection (vector 13)"),
                new Probe("mov cr3", MemoryManagers.loadCr3(), "#GP general protection (vector 13)")
        ).map(p -> DynamicTest.dynamicTest(p.name(), () -> {
            MachineConfig config = MachineConfig.defaults().withModules(List.of(new BootModule(p.name(), p.mm().bytes(), "memory_manager")));
            try (Machine m = Machine.boot("micros.elf", kernel, config)) {
                StopReason why = m.run(KernelBootTest.BUDGET);
                String com1 = m.serial().text();
                assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + com1);
                String last = com1.lines().reduce((a, b) -> b).orElse("");
                assertTrue(last.startsWith("micros: exception " + p.vector()) && last.contains(", cpl 3,"), com1);
                for (ElfFile.ProgramHeader ph : elf.programHeaders()) {
                    if (!ph.isLoad() || (ph.flags() & 2) != 0 || ph.fileSize() == 0) continue;  // code and read-only data
                    assertTrue(Arrays.equals(elf.contents(ph), m.readVirtual(ph.vaddr(), (int) ph.fileSize())),
                            "kernel bytes at 0x" + Long.toHexString(ph.vaddr()) + " unchanged");
                }
            }
        }));
    }
}
