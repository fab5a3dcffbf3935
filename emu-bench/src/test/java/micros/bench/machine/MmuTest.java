package micros.bench.machine;

import micros.bench.unicorn.X86;
import micros.fixtures.MmuKernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static micros.bench.machine.GuestWords.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MMU as Unicorn 2.1.4 runs it and the bench reports it: page-fault error codes, accessed and dirty bits,
 * 1 GiB pages by CPU model. (FixtureBootTest boots the same kernels through micros boot.)
 */
class MmuTest {
    private static List<String> lines(Machine m) { return m.serial().text().lines().toList(); }

    @Test
    void pageFaultErrorCodesFromRing0AndRing3() {
        var image = MmuKernels.pageFaults();
        try (Machine m = Machine.boot("page-faults.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, why::toString);
            List<String> expected = List.of(MmuKernels.ACCESSED_DIRTY,
                    MmuKernels.pageFaultLine(X86Bits.PF_P | X86Bits.PF_I, MmuKernels.NX_PAGE), // ring 0 fetch from an NX page
                    MmuKernels.pageFaultLine(X86Bits.PF_P | X86Bits.PF_RSVD, MmuKernels.RESERVED_PAGE),
                    MmuKernels.pageFaultLine(X86Bits.PF_P | X86Bits.PF_U | X86Bits.PF_I, MmuKernels.NX_PAGE), // ring 3 fetch
                    MmuKernels.pageFaultLine(X86Bits.PF_P | X86Bits.PF_W | X86Bits.PF_U, MmuKernels.READ_ONLY_PAGE), // ring 3 write
                    MmuKernels.DONE);
            List<String> out = lines(m);
            assertEquals(expected, out.subList(out.size() - expected.size(), out.size()), m.serial().text());
        }
    }

    /** On qemu64, whose CPUID has no 1 GiB pages, PS is reserved in a PDPT entry (Unicorn runs it: the bench raises the #PF). */
    @Test
    void aGibPageRunsOnACpuModelWithThemAndIsAReservedBitFaultOnQemu64() {
        var image = MmuKernels.gibPage();
        try (Machine m = Machine.boot("gib-page.elf", image.bytes(), MachineConfig.defaults().withCpu(CpuModel.EPYC_ROME))) {
            assertInstanceOf(StopReason.Halted.class, m.run(10_000_000));
            assertTrue(lines(m).contains(MmuKernels.GIB_PAGE), m.serial().text());
            assertEquals(0, m.engine().translate(MmuKernels.WINDOW, X86.PROT_READ), "Unicorn's MMU maps the window onto physical 0");
        }
        try (Machine m = Machine.boot("gib-page.elf", image.bytes(), MachineConfig.defaults())) {
            assertInstanceOf(StopReason.Halted.class, m.run(10_000_000));
            assertEquals(List.of(MmuKernels.pageFaultLine(X86Bits.PF_P | X86Bits.PF_RSVD, MmuKernels.WINDOW + 0x10_0000)), lines(m).subList(lines(m).size() - 1, lines(m).size()));
            assertTrue(!m.serial().text().contains(MmuKernels.GIB_PAGE), m.serial().text());
        }
    }

    @Test
    void cpuModelsReportWhatTheirCpuidSays() {
        byte[] hello = micros.fixtures.Fixtures.hello().bytes();
        try (Machine q = Machine.boot("hello.elf", hello, MachineConfig.defaults());
             Machine e = Machine.boot("hello.elf", hello, MachineConfig.defaults().withCpu(CpuModel.EPYC_ROME))) {
            assertTrue(q.cpuFeatures().nx() && q.cpuFeatures().syscall() && !q.cpuFeatures().gibPages(), q.cpuFeatures().toString());
            assertTrue(e.cpuFeatures().gibPages(), e.cpuFeatures().toString());
        }
    }

    /** A 64 GiB machine, RAM above 4 GiB included, costs nothing until touched: it boots and its last word is there. */
    @Test
    void aSixtyFourGibMachineBoots() {
        byte[] hello = micros.fixtures.Fixtures.hello().bytes();
        try (Machine m = Machine.boot("hello.elf", hello, MachineConfig.defaults().withRam(64L << 30))) {
            assertInstanceOf(StopReason.Halted.class, m.run(10_000_000));
            long end = MemoryMap.pc(64L << 30).ramRanges().getLast()[1];
            assertEquals((64L << 30) + MemoryMap.FOUR_GIB - MemoryMap.PCI_HOLE, end, "RAM above 4 GiB makes up for the PCI hole");
            m.engine().write64(end - 8, 42);
            assertEquals(42, m.engine().read64(end - 8));
        }
    }
}
