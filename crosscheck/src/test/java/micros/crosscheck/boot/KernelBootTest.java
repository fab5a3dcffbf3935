package micros.crosscheck.boot;

import micros.asm.ElfFile;
import micros.bench.machine.CpuFeatures;
import micros.bench.machine.Framebuffer;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.bench.machine.X86Bits;
import micros.bench.machine.cpu.Msr;
import micros.bench.machine.cpu.Register;
import micros.fixtures.MemoryManagers;
import micros.kernel.KernelStacks;
import micros.kernel.RandomMachines;
import micros.kernel.Traps;
import micros.multiboot2.MemoryRegion;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * micros.elf booted on random machines (the kernel tests' {@link RandomMachines}, as {@link BenchMachines}
 * builds them: memory maps with holes and every entry type, modules, boot information and framebuffer
 * anywhere the map allows, CPUs with and without 1 GiB pages) up to the memory manager's first instruction; there, reading guest
 * memory from Java, everything the kernel promises it: ring 3, rdi/rsi/rsp, the identity map complete and
 * user-accessible with the kernel's pages supervisor-only, the segments at their addresses with their W/NX,
 * the stack, and a frame allocator whose every frame is free, aligned, available and used by nobody.
 */
@AddLifecycleHook(CampaignProgress.class) // machines done, failed, time left: on a terminal only
class KernelBootTest {
    static final Path KERNEL = Path.of("../kernel/target/micros.elf");
    static final long BUDGET = 50_000_000;

    static final ElfFile KERNEL_ELF = read(KERNEL);

    static ElfFile read(Path p) {
        try {
            return ElfFile.read(p.toString(), Files.readAllBytes(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The kernel image's physical extent: its loadable segments, lowest start to highest end. */
    static long[] kernelExtent() {
        long start = Long.MAX_VALUE, end = 0;
        for (ElfFile.ProgramHeader ph : KERNEL_ELF.programHeaders())
            if (ph.isLoad() && ph.memSize() > 0) { start = Math.min(start, ph.paddr()); end = Math.max(end, ph.paddr() + ph.memSize()); }
        return new long[] {start, end};
    }

    @Provide
    Arbitrary<RandomMachines.Machine> machines() { return BenchMachines.machines(kernelExtent(), MemoryManagers.checkAndSpin().bytes()); }

    /** Tries: jqwik.tries.default, 200 in the suite, N with ./micros test --campaign N (crosscheck/pom.xml). */
    @Property
    void theMemoryManagerStartsWithEverythingItWasPromised(@ForAll("machines") RandomMachines.Machine machine) throws Exception {
        BenchMachines.collectStatistics(machine);
        byte[] mm = MemoryManagers.checkAndSpin().bytes();
        MachineConfig config = BenchMachines.config(machine, mm);
        ElfFile mmElf = ElfFile.read("mm-spin.elf", mm);
        try (Machine m = Machine.boot(KERNEL.toString(), Files.readAllBytes(KERNEL), config)) {
            m.stopAt(mmElf.entry(), "memory manager entry");
            StopReason why = m.run(BUDGET);
            assertInstanceOf(StopReason.Breakpoint.class, why, () -> why + "\n" + m.serial().text() + m.registers());
            new Promises(m, config, KERNEL_ELF, mmElf, mm).check();
        }
    }

    static final Pattern LOGGED_FRAMES = Pattern.compile("frames for the memory manager: (\\d+) x 4 KiB, (\\d+) x 2 MiB, (\\d+) x 1 GiB\n");

    /** What the kernel promised the memory manager, checked on the stopped machine. */
    record Promises(Machine m, MachineConfig config, ElfFile kernel, ElfFile mm, byte[] mmBytes) {
        long symbol(String name) {
            return kernel.symbols().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow().address();
        }

        void check() {
            assertEquals(3, m.cpl(), "ring 3");
            assertEquals(mm.entry(), m.reg(Register.RIP));
            assertEquals(0, m.reg(Register.RSP), "rsp = 0: the stack ends at 2^64");
            assertEquals(m.bootInfoAddress(), m.reg(Register.RSI), "rsi = the multiboot2 information");
            long alloc = m.reg(Register.RDI);
            assertEquals(0, alloc & 0xFFF, "the allocator has a page of its own");
            boolean nx = (m.msr(Msr.EFER) & X86Bits.EFER_NXE) != 0;
            GuestPaging paging = new GuestPaging(m, m.reg(Register.CR3));

            long imageStart = symbol("multiboot_header"), imageEnd = symbol("kernel_image_end");
            for (MemoryRegion r : config.memoryMap().regions())
                for (long v : probes(r.base(), r.end())) {
                    GuestPaging.Leaf l = paging.leaf(v);
                    assertNotNull(l, "0x" + Long.toHexString(v) + " of " + r + " is identity-mapped");
                    assertEquals(v, l.physical() + (v - l.virtual()), "identity");
                    boolean kernelPage = v >= imageStart && v < imageEnd;
                    assertEquals(!kernelPage, l.user(), "0x" + Long.toHexString(v) + (kernelPage ? " (kernel) supervisor-only" : " user-accessible"));
                }
            Framebuffer fb = config.framebuffer();
            for (long v : probes(fb.address(), fb.address() + fb.size())) {
                GuestPaging.Leaf l = paging.leaf(v);
                assertTrue(l != null && l.user() && l.physical() + (v - l.virtual()) == v, "the framebuffer's 0x" + Long.toHexString(v) + " identity-mapped, user-accessible");
            }
            for (long v = imageStart & -4096L; v < imageEnd; v += 4096) assertFalse(paging.leaf(v).user(), "kernel page 0x" + Long.toHexString(v));
            GuestPaging.Leaf apic = paging.leaf(0xFEE0_0000L);
            assertTrue(apic != null && !apic.user(), "the local APIC is the kernel's");

            List<long[]> used = new ArrayList<>();
            used.add(new long[] {imageStart, imageEnd});
            long info = m.bootInfoAddress();
            used.add(new long[] {info, info + (paging.read64(info) & 0xFFFF_FFFFL)});
            m.modules().forEach(mod -> used.add(new long[] {mod.start(), mod.end()}));
            used.add(new long[] {config.framebuffer().address(), config.framebuffer().address() + config.framebuffer().size()});
            used.add(new long[] {alloc, alloc + 4096});
            for (long t : paging.tables) used.add(new long[] {t, t + 4096});

            for (ElfFile.ProgramHeader ph : mm.programHeaders()) {
                if (!ph.isLoad() || ph.memSize() == 0) continue;
                byte[] contents = mm.contents(ph);
                for (long v = ph.vaddr() & -4096L; v < ph.vaddr() + ph.memSize(); v += 4096) {
                    GuestPaging.Leaf l = paging.leaf(v);
                    assertNotNull(l, "segment page 0x" + Long.toHexString(v));
                    assertTrue(l.user());
                    assertEquals((ph.flags() & 2) != 0, l.writable(), "W per the segment's flags");
                    if (nx) assertEquals((ph.flags() & 1) == 0, l.noExecute(), "NX per the segment's flags");
                    used.add(new long[] {l.physical(), l.physical() + l.size()});
                }
                for (int i = 0; i < ph.memSize(); i += 97)
                    assertEquals(i < contents.length ? contents[i] : 0, m.readVirtual(ph.vaddr() + i, 1)[0], "segment byte " + i);
            }
            GuestPaging.Leaf stack = paging.leaf(-8);
            assertTrue(stack != null && stack.user() && stack.writable() && stack.size() == 1 << 21, "a 2 MiB user stack page ending at 2^64");
            if (nx) assertTrue(stack.noExecute());
            used.add(new long[] {stack.physical(), stack.physical() + stack.size()});

            checkAllocator(paging, alloc, used);
            checkGates(paging);
            checkKernelStacks(paging, nx);
            assertEquals(0, m.serial().overruns(), "COM1 never written past what its transmitter held (16 bytes a poll, FIFOs on):\n" + m.serial().text());
        }

        /** The kernel's stacks (shared kernel half): each page on its frame, supervisor-only, writable, NX when the CPU has it; an unmapped page below each. */
        void checkKernelStacks(GuestPaging paging, boolean nx) {
            long frames = symbol("kernel_stack_pages");
            long[][] stacks = {{KernelStacks.KERNEL_TOP, KernelStacks.KERNEL_PAGES}, {KernelStacks.DOUBLE_FAULT_TOP, 1}, {KernelStacks.NMI_TOP, 1}};
            int frame = 0;
            for (long[] s : stacks) {
                long bottom = s[0] - 4096 * s[1];
                for (long v = bottom; v < s[0]; v += 4096, frame++) {
                    GuestPaging.Leaf l = paging.leaf(v);
                    String which = "kernel stack page 0x" + Long.toHexString(v);
                    assertNotNull(l, which);
                    assertEquals(frames + 4096L * frame, l.physical(), which + ": its frame");
                    assertTrue(!l.user() && l.writable() && l.size() == 4096, which + ": supervisor-only, writable, 4 KiB");
                    if (nx) assertTrue(l.noExecute(), which + ": not executable");
                }
                assertNull(paging.leaf(bottom - 4096), "the guard page below 0x" + Long.toHexString(s[0]));
            }
        }

        /** Each stub's IDT gate (SDM vol. 3A, 6.14.1): its handler, kernel code 0x08, a 64-bit interrupt gate, IST 1 for #DF and 2 for NMI, DPL 3 only for int3 and the system call. */
        void checkGates(GuestPaging paging) {
            long idt = symbol("kernel_idt");
            for (int v = 0; v < Traps.STUBS; v++) {
                int vector = Traps.vectorOfStub(v);
                long handler = symbol("trap." + vector), low = paging.read64(idt + 16L * vector), high = paging.read64(idt + 16L * vector + 8);
                String which = "gate " + vector;
                assertEquals(handler, (low & 0xFFFF) | (low >>> 48 & 0xFFFF) << 16 | (high & 0xFFFF_FFFFL) << 32, which + ": handler");
                assertEquals(0x08, low >>> 16 & 0xFFFF, which + ": selector");
                assertEquals(vector == 8 ? 1 : vector == 2 ? 2 : 0, low >>> 32 & 0xFF, which + ": IST");
                assertEquals(vector == 3 || vector == 0x80 ? 0xEE : 0x8E, low >>> 40 & 0xFF, which + ": type and DPL");
                assertEquals(0, high >>> 32, which + ": reserved");
            }
        }

        void checkAllocator(GuestPaging paging, long alloc, List<long[]> used) {
            List<long[]> frames = new ArrayList<>();
            boolean gib = (paging.read64(alloc + 32) & 0xFFFF_FFFFL) != 0;
            assertEquals(CpuFeatures.of(config.cpu()).gibPages(), gib, "1 GiB lists exactly when the CPU has 1 GiB pages");
            long n4k = list(paging, alloc, 1L << 12, frames);
            long n2m = list(paging, alloc + 16, 1L << 21, frames);
            long n1g = gib ? list(paging, alloc + 40, 1L << 30, frames) : 0;
            // The kernel counts the frames as it hands them over and takes some; the log must tell the lists' lengths.
            String log = m.serial().text();
            Matcher logged = LOGGED_FRAMES.matcher(log);
            assertTrue(logged.find(), log);
            assertEquals(List.of(n4k, n2m, n1g), List.of(Long.parseLong(logged.group(1)), Long.parseLong(logged.group(2)), Long.parseLong(logged.group(3))),
                    "the logged frame counts are the lists' lengths");
            frames.sort(Comparator.comparingLong(f -> f[0]));
            List<MemoryRegion> map = config.memoryMap().regions();
            for (int i = 0; i < frames.size(); i++) {
                long[] f = frames.get(i);
                assertEquals(0, f[0] & (f[1] - f[0] - 1), "aligned to its size");
                assertTrue(map.stream().anyMatch(r -> r.type() == MemoryRegion.AVAILABLE && r.base() <= f[0] && f[1] <= r.end()),
                        "inside available memory: 0x" + Long.toHexString(f[0]));
                for (MemoryRegion r : map)
                    if (r.type() != MemoryRegion.AVAILABLE) assertFalse(f[0] < r.end() && r.base() < f[1], "frame 0x" + Long.toHexString(f[0]) + " overlaps " + r + " (another type wins)");
                for (long[] u : used) assertFalse(f[0] < u[1] && u[0] < f[1], "frame 0x" + Long.toHexString(f[0]) + " overlaps [0x" + Long.toHexString(u[0]) + ", 0x" + Long.toHexString(u[1]) + ")");
                if (i > 0) assertTrue(frames.get(i - 1)[1] <= f[0], "every frame in exactly one list");
            }
            assertFalse(frames.isEmpty());
        }

        /** Adds the list's frames to {@code out}; returns how many there are. */
        long list(GuestPaging paging, long head, long size, List<long[]> out) {
            long n = 0;
            long tag = paging.read64(head) & 0xFFFF_FFFFL, next = paging.read64(head + 8);
            while (tag == 1) {
                n++;
                out.add(new long[] {next, next + size});
                tag = paging.read64(next) & 0xFFFF_FFFFL;
                next = paging.read64(next + 8);
            }
            return n;
        }
    }

    /** Each range's first and last page, its middle, and every 1 GiB inside it. */
    static List<Long> probes(long start, long end) {
        List<Long> out = new ArrayList<>(List.of(start, end - 1, start + (end - start) / 2));
        for (long v = (start + (1L << 30)) & -(1L << 30); v < end; v += 1L << 30) out.add(v);
        return out;
    }
}
