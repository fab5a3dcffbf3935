package micros.kernel;

import micros.asm.ElfImage;
import micros.asm.ElfSegment;
import micros.frames.FrameAllocator;
import micros.magic.sim.Machine;
import micros.magic.sim.MachineHalted;
import micros.magic.sim.SimulatedCpu;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The memory manager's ELF: every reason to refuse it named in one line; a good one loaded page for page. */
class MemoryManagerImageTest {
    static final long FILE = 0x80_0000, INFO = FILE - 64, POOL = 0x10_0000, POOL_END = 0x20_0000, ALLOC = 0x1000;
    static final long FREE = 16L << 20, FREE_END = 32L << 20, IDENTITY_END = 1L << 36, BASE = ElfImages.BASE;
    static final String PREFIX = "micros: module /boot/memory_manager: ";

    @Provide
    Arbitrary<ElfImage> images() { return ElfImages.images(); }

    record Run(WordMemory memory, SimulatedCpu cpu, long root, String console) {}

    /** Checks (reads confined to the file) then loads the file; the console holds the reason when it halted. */
    static Run checkAndLoad(byte[] file) {
        // The free frames hold what was there before: a segment's zeros must be written, not found.
        WordMemory memory = new WordMemory().garbage(FREE, FREE_END, 0xA5A5_A5A5_A5A5_A5A5L);
        memory.write(FILE, file);
        memory.write(INFO, "/boot/memory_manager\0".getBytes());
        SimulatedCpu cpu = new SimulatedCpu(memory);
        long root = 0;
        try (var installed = Machine.install(cpu)) {
            BootInformation.memoryManager = 0;
            BootInformation.moduleString[0] = INFO;
            FrameAllocator.init(ALLOC, false);
            FrameAllocator.addRegion(ALLOC, FREE, FREE_END);
            AddressSpace.usePool(POOL, POOL_END);
            root = AddressSpace.newTable();
            memory.confineReads(INFO, FILE + file.length);  // the file and the module string
            try {
                MemoryManagerImage.check(FILE, file.length, IDENTITY_END);
            } catch (MachineHalted h) {
                return new Run(memory, cpu, root, cpu.consoleText().replaceFirst("^", ""));
            } finally {
                memory.confineReads(0, -1);
            }
            MemoryManagerImage.checkFits(FREE_END - FREE);
            MemoryManagerImage.load(FILE, root, ALLOC, AddressSpace.NO_EXECUTE);
            MemoryManagerImage.mapStack(root, ALLOC, AddressSpace.NO_EXECUTE);
            return new Run(memory, cpu, root, cpu.consoleText());
        } catch (MachineHalted h) {
            return new Run(memory, cpu, root, cpu.consoleText());
        }
    }

    @Property(tries = 200)
    void segmentsLoadedAtTheirAddressesWithTheirFlags(@ForAll("images") ElfImage image) {
        Run run = checkAndLoad(image.bytes());
        assertEquals("", run.console());
        assertEquals(image.entry(), MemoryManagerImage.entry);
        List<Long> frames = new ArrayList<>();
        for (ElfSegment s : image.segments()) {
            for (long v = s.vaddr(); v < s.vaddr() + s.memSize(); v += 1 + (v * 7919 & 511)) {
                Walk w = Walk.of(run.memory(), run.root(), v);
                assertNotNull(w, "0x" + Long.toHexString(v) + " mapped");
                long i = v - s.vaddr();
                int expected = i < s.bytes().length ? s.bytes()[(int) i] & 0xFF : 0;
                assertEquals(expected, run.memory().load(w.physical(), 1), "byte at 0x" + Long.toHexString(v));
                assertTrue(w.user());
                assertEquals((s.flags() & ElfSegment.W) != 0, w.writable());
                assertEquals((s.flags() & ElfSegment.X) == 0, w.noExecute());
                assertTrue(w.physical() >= FREE && w.physical() < FREE_END, "a frame from the allocator");
                frames.add(w.physical() & -4096L);
            }
        }
        Walk stack = Walk.of(run.memory(), run.root(), -8);
        assertTrue(stack.user() && stack.writable() && stack.noExecute() && stack.pageSize() == AddressSpace.PAGE_2M);
        assertNull(Walk.of(run.memory(), run.root(), -AddressSpace.PAGE_2M - 8), "nothing below the stack page");
        try (var installed = Machine.install(run.cpu())) {
            for (FrameLists.Frame f : FrameLists.all(ALLOC))
                for (long used : frames) assertFalse(used >= f.address() && used < f.end(), "a loaded frame is no longer free");
        }
    }

    static byte[] good() { return ElfImages.good(); }

    static byte[] put(byte[] file, int at, int size, long value) { return ElfImages.put(file, at, size, value); }

    static String reason(byte[] file) { return checkAndLoad(file).console(); }

    @Test
    void eachReasonNamed() {
        byte[] g = good();
        int ph0 = 64, ph1 = 64 + 56;
        assertEquals("", reason(g));
        assertEquals(PREFIX + "shorter than an ELF header\n", reason(java.util.Arrays.copyOf(g, 40)));
        assertEquals(PREFIX + "not an ELF file\n", reason(put(g, 1, 1, 'X')));
        assertEquals(PREFIX + "not ELF64\n", reason(put(g, 4, 1, 1)));
        assertEquals(PREFIX + "not little endian\n", reason(put(g, 5, 1, 2)));
        assertEquals(PREFIX + "not an x86-64 program\n", reason(put(g, 18, 2, 3)));
        assertEquals(PREFIX + "not an executable (ET_EXEC)\n", reason(put(g, 16, 2, 3)));
        assertEquals(PREFIX + "program header size is not 56\n", reason(put(g, 54, 2, 64)));
        assertEquals(PREFIX + "program headers lie outside the file\n", reason(put(g, 32, 8, g.length - 60)));
        assertEquals(PREFIX + "program headers lie outside the file\n", reason(put(g, 56, 2, 60000)));
        assertEquals(PREFIX + "a segment's file size exceeds its memory size\n", reason(put(g, ph1 + 32, 8, 6000)));
        assertEquals(PREFIX + "a segment's bytes lie outside the file\n", reason(put(g, ph1 + 8, 8, g.length)));
        assertEquals(PREFIX + "a segment's bytes lie outside the file\n", reason(put(g, ph1 + 8, 8, -8)));
        assertEquals(PREFIX + "a segment is not inside the canonical address space\n", reason(put(g, ph1 + 16, 8, 0x0000_8000_0000_0000L)));
        assertEquals(PREFIX + "a segment is not inside the canonical address space\n", reason(put(g, ph1 + 16, 8, 0x7FFF_FFFF_F000L)));
        assertEquals(PREFIX + "a segment overlaps the identity map of physical memory\n", reason(put(g, ph1 + 16, 8, 0x40_0000)));
        assertEquals(PREFIX + "a segment overlaps the kernel's half\n", reason(put(g, ph1 + 16, 8, 0xFFFF_8000_0010_0000L)));
        assertEquals(PREFIX + "a segment overlaps the stack at the top of the address space\n", reason(put(g, ph1 + 16, 8, -0x10_0000L)));
        assertEquals(PREFIX + "a segment is not inside the canonical address space\n", reason(put(g, ph1 + 16, 8, -4096)));
        assertEquals(PREFIX + "two segments share a page\n", reason(put(g, ph1 + 16, 8, BASE + 0xF00)));
        assertEquals(PREFIX + "no loadable segment\n", reason(put(put(g, ph0, 4, 4), ph1, 4, 4)));
        assertEquals(PREFIX + "the entry point is not in an executable segment\n", reason(put(g, 24, 8, BASE + 0x2004)));
        assertEquals(PREFIX + "its segments and stack need more memory than is free\n", reason(put(g, ph1 + 40, 8, FREE_END - FREE)));
        assertEquals(PREFIX + "the entry point is not in an executable segment\n", reason(put(g, ph0 + 4, 4, ElfSegment.R)));
    }

    @Provide
    Arbitrary<byte[]> mutated() { return ElfImages.mutated(); }

    /** Any corruption of the headers: a named refusal in one line, or a load that succeeds. */
    @Property(tries = 1000)
    void corruptedHeadersAreRefusedInOneLineOrLoad(@ForAll("mutated") byte[] file) {
        String out = checkAndLoad(file).console();
        assertTrue(out.isEmpty() || out.startsWith(PREFIX) && out.indexOf('\n') == out.length() - 1, out);
    }
}
