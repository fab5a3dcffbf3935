package micros.kernel;

import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The memory manager's address space as {@link Boot#buildAddressSpace} builds it on random machines (their
 * kernel image and local APIC anywhere, not only where the real ones are), read back by an independent walk:
 * everything given identity-mapped user, writable, no-execute; the kernel's pages supervisor-only; a large
 * page made of smaller ones only where the kernel shares it with given memory.
 */
class BuildAddressSpaceTest {
    static final long POOL = 0x4000_0000_0000L, POOL_END = POOL + (4L << 20), LAYOUT = POOL_END, BOOT_ROOT = LAYOUT + 0x1000;
    static final long KERNEL_HALF = 0x1234_5007L;

    record Setup(RandomMachines.Machine machine, long imageStart, long imageEnd, long apic) {}

    @Provide
    Arbitrary<Setup> setups() {
        Arbitrary<Long> page = Arbitraries.longs().between(0, (1L << 36) >> 12).map(p -> p << 12);
        Arbitrary<Long> length = Arbitraries.oneOf(Arbitraries.longs().between(1, 600), Arbitraries.longs().between(1, 1 << 19)).map(n -> n << 12);
        return Combinators.combine(RandomMachines.machines(RandomMachines.Space.JVM), Arbitraries.integers().between(0, 2), page, length, page).as((m, where, at, len, apic) -> {
            // The image where the kernel puts it, or anywhere, even over a module or the information.
            long start = where == 0 ? m.kernelStart() : at;
            long end = where == 0 ? m.kernelEnd() : start + len;
            return new Setup(m, start, end, where == 2 ? RandomMachines.LOCAL_APIC : apic);
        });
    }

    @Property(tries = 200)
    void givenMemoryIsTheMemoryManagersAndTheKernelsPagesAreNot(@ForAll("setups") Setup s) {
        Assume.that(s.apic() + 4096 <= s.imageStart() || s.imageEnd() <= s.apic());  // the APIC is no page of the image
        RandomMachines.Machine m = s.machine();
        byte[] info = m.bootInformation().bytes();
        WordMemory memory = new WordMemory();
        memory.write(m.infoAddress(), info);
        SimulatedCpu cpu = new SimulatedCpu(memory);
        long page = m.gibPages() ? AddressSpace.PAGE_1G : AddressSpace.PAGE_2M;
        long root;
        try (var installed = Machine.install(cpu)) {
            BootInformation.parse(m.infoAddress());
            memory.store(LAYOUT + KernelLayout.BOOT_PML4, 8, BOOT_ROOT);
            memory.store(BOOT_ROOT + 8L * Boot.KERNEL_HALF_ENTRY, 8, KERNEL_HALF);
            KernelLayout.use(LAYOUT);
            cpu.writeMsr(Interrupts.IA32_APIC_BASE, s.apic() | 0x900);
            Boot.noExecute = AddressSpace.NO_EXECUTE;
            AddressSpace.usePool(POOL, POOL_END);
            root = Boot.buildAddressSpace(page, s.imageStart(), s.imageEnd(), m.infoAddress());
        } catch (micros.magic.sim.MachineHalted h) {
            throw new AssertionError("halted: " + cpu.consoleText());
        }

        Intervals given = new Intervals(), kernel = new Intervals().add(s.imageStart(), s.imageEnd()).add(s.apic(), s.apic() + 4096);
        for (var r : m.map()) given.add(r.base(), r.end());
        given.add(m.infoAddress(), m.infoAddress() + info.length).add(m.framebuffer().address(), m.framebuffer().address() + m.framebuffer().size());
        List<Long> probes = new ArrayList<>();
        for (long[] g : given.list()) probes.addAll(List.of(g[0], g[1] - 1, (g[0] + g[1]) / 2 & -8L));
        for (long[] k : kernel.list()) probes.addAll(List.of(k[0] - 1, k[0], k[0] + 4096, k[1] - 4096, k[1] - 1, k[1]));
        for (long v : probes) {
            if (v < 0) continue;
            Walk w = Walk.of(memory, root, v);
            boolean isKernel = kernel.covers(v, v + 1), isGiven = given.covers(v, v + 1);
            String at = "0x" + Long.toHexString(v) + " (image [0x" + Long.toHexString(s.imageStart()) + ", 0x" + Long.toHexString(s.imageEnd()) + "), APIC 0x" + Long.toHexString(s.apic()) + ")";
            if (!isKernel && !isGiven) {
                if (w != null) assertEquals(v, w.physical(), at + ": what rounding maps is identity too");
                continue;
            }
            assertNotNull(w, at + " is mapped");
            assertEquals(v, w.physical(), at + " identity");
            assertTrue(w.writable(), at + " writable");
            assertEquals(!isKernel, w.user(), at + (isKernel ? " the kernel's" : " the memory manager's"));
            if (v >= s.imageStart() && v < s.imageEnd()) assertFalse(w.noExecute(), at + ": the image executable");
            else if (!isKernel) assertTrue(w.noExecute(), at + ": given memory not executable");
            // A page holding kernel pages is only as small as needed: as large as can be where it holds nothing given beside them.
            long large = v & -w.pageSize() & -page;
            if (isKernel && !given.overlaps(large, large + page)) assertEquals(page, w.pageSize(), at + ": nothing given beside the kernel in its large page");
            if (!isKernel && !kernel.overlaps(v & -page, (v & -page) + page)) assertEquals(page, w.pageSize(), at + ": no kernel page in its large page");
        }
        assertEquals(KERNEL_HALF, memory.load(root + 8L * Boot.KERNEL_HALF_ENTRY, 8), "the kernel's half shared with the boot tables");
    }
}
