package micros.bench.machine;

import micros.asm.Assembler;
import micros.asm.Gpr;
import micros.asm.Linker;
import micros.asm.Section;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;

import static micros.asm.Operands.at;
import static micros.asm.Operands.imm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CPU models: their names, their Unicorn numbers, and that a booted kernel's CPUID is the chosen model's. */
class CpuModelTest {
    @Test
    void namesAreQemusLowerCaseWithDashesAndNumbersFollowUnicornsEnum() {
        for (CpuModel m : CpuModel.values()) {
            assertEquals(m, CpuModel.named(m.cliName()));
            assertEquals(m, CpuModel.named(m.qemuName()), "QEMU's spelling is taken too");
            assertTrue(m.cliName().matches("[a-z0-9-]+"), m.cliName());
        }
        assertEquals(CpuModel.values().length, new HashSet<>(Arrays.stream(CpuModel.values()).map(CpuModel::cliName).toList()).size());
        assertEquals("skylake-server", CpuModel.SKYLAKE_SERVER.cliName());
        assertEquals("Opteron_G2", CpuModel.named("opteron-g2").qemuName());
        // uc_cpu_x86 numbers the probes used (DESIGN.md): qemu64 0, IvyBridge 18, EPYC-Rome 37, 38 models in all
        assertEquals(0, CpuModel.QEMU64.unicornId());
        assertEquals(18, CpuModel.IVYBRIDGE.unicornId());
        assertEquals(37, CpuModel.EPYC_ROME.unicornId());
        assertEquals(38, CpuModel.values().length);
        assertEquals(CpuModel.QEMU64, MachineConfig.defaults().cpu(), "QEMU's own default");
        assertEquals("--cpu pentium4: no CPU model 'pentium4' (--cpu help lists them)",
                assertThrows(IllegalArgumentException.class, () -> CpuModel.named("pentium4")).getMessage());
    }

    /** Stores CPUID 0x80000000 EAX, 0x80000001 EDX and 1 ECX at {@code RESULT}, then halts. */
    static final long RESULT = 0x9000;

    static byte[] cpuidKernel() {
        Assembler a = new Assembler();
        a.section(Section.named(".multiboot", Section.Kind.RODATA)).align(8);
        MultibootLoaderTest.header(0).accept(a);
        a.section(Section.TEXT).bits(32).global("_start").label("_start");
        a.mov(Gpr.EAX, imm(CpuFeatures.LEAF_EXTENDED_MAX)).cpuid().mov(at(RESULT, 32), Gpr.EAX);
        a.mov(Gpr.EAX, imm(CpuFeatures.LEAF_EXTENDED_FEATURES)).cpuid().mov(at(RESULT + 4, 32), Gpr.EDX);
        a.mov(Gpr.EAX, imm(CpuFeatures.LEAF_FEATURES)).xor(Gpr.ECX, Gpr.ECX).cpuid().mov(at(RESULT + 8, 32), Gpr.ECX);
        a.cli().hlt();
        return new Linker().add(a.finish()).segment(".multiboot", 0x100000).entry("_start").link().bytes();
    }

    /** What {@code --cpu help} reports for a model is what a kernel booted on it reads with CPUID. */
    @Property(tries = 38)
    void aKernelSeesTheFeaturesTheTableReports(@ForAll CpuModel model) {
        CpuFeatures reported = CpuFeatures.of(model);
        try (Machine m = Machine.boot("cpuid.elf", cpuidKernel(), MachineConfig.defaults().withCpu(model))) {
            assertInstanceOf(StopReason.Halted.class, m.run(1000));
            var uc = m.engine();
            boolean extended = Integer.compareUnsigned(uc.read32(RESULT), CpuFeatures.LEAF_EXTENDED_FEATURES) >= 0;
            int edx = extended ? uc.read32(RESULT + 4) : 0, ecx = uc.read32(RESULT + 8);
            assertEquals(reported, new CpuFeatures((edx & CpuFeatures.EDX_LONG_MODE) != 0, (edx & CpuFeatures.EDX_NX) != 0,
                    (edx & CpuFeatures.EDX_PAGE_1GB) != 0, (edx & CpuFeatures.EDX_SYSCALL) != 0, (ecx & CpuFeatures.ECX_X2APIC) != 0,
                    reported.physicalAddressBits()), model.cliName());
            assertEquals(reported, m.cpuFeatures(), "the machine's own reading");
        }
    }

    @Test
    void theTableListsEveryModelOnceWithTheDefaultMarked() {
        String table = CpuModelTable.text();
        for (CpuModel m : CpuModel.values()) assertTrue(table.lines().filter(l -> l.startsWith(m.cliName() + " ")).count() == 1, m.cliName());
        assertTrue(table.lines().anyMatch(l -> l.startsWith("qemu64 *")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("486 +486 +no +.*")), "the 486 has no long mode:\n" + table);
        // Unicorn 2.1.4's models differ as QEMU's do: qemu64 has NX and SYSCALL but no 1 GiB pages, EPYC-Rome has them
        CpuFeatures qemu64 = CpuFeatures.of(CpuModel.QEMU64), rome = CpuFeatures.of(CpuModel.EPYC_ROME);
        assertEquals(new CpuFeatures(true, true, false, true, false, qemu64.physicalAddressBits()), qemu64);
        assertEquals(new CpuFeatures(true, true, true, true, false, rome.physicalAddressBits()), rome);
    }
}
