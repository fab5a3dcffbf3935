package micros.kernel;

import micros.asm.ElfImage;
import micros.asm.ElfSegment;
import micros.frames.FrameAllocator;
import micros.magic.sim.Machine;
import micros.magic.sim.MachineHalted;
import micros.magic.sim.SimulatedCpu;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The memory manager's ELF: every reason to refuse it named in one line; a good one loaded page for page. */
class MemoryManagerImageTest {
    static final long FILE = 0x80_0000, INFO = FILE - 64, POOL = 0x10_0000, POOL_END = 0x20_0000, ALLOC = 0x1000;
    static final long FREE = 16L << 20, FREE_END = 32L << 20, IDENTITY_END = 1L << 36, BASE = 0xFFFF_FF80_0000_0000L;
    static final String PREFIX = "micros: module /boot/memory_manager: ";

    /** Up to four segments from BASE on, each in pages of its own, the first executable (the entry is in it). */
    @Provide
    Arbitrary<ElfImage> images() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.longs()).as((n, seed) -> {
            Random r = new Random(seed);
            List<ElfSegment> segments = new ArrayList<>();
            long at = BASE + r.nextInt(16) * 4096L + (r.nextBoolean() ? r.nextInt(4096) : 0);
            for (int i = 0; i < n; i++) {
                int memsz = 1 + r.nextInt(20_000), filesz = r.nextInt(memsz + 1);
                byte[] bytes = new byte[filesz];
                r.nextBytes(bytes);
                int flags = ElfSegment.R | (i == 0 ? ElfSegment.X : r.nextInt(2)) | (r.nextBoolean() ? ElfSegment.W : 0);
                segments.add(new ElfSegment("s" + i, at, at, bytes, memsz, flags));
                at = ((at + memsz + 4095) & -4096L) + r.nextInt(4) * 4096L + (r.nextBoolean() ? r.nextInt(4096) : 0);
            }
            return new ElfImage(segments.getFirst().vaddr() + r.nextInt((int) segments.getFirst().memSize()), segments, List.of());
        });
    }

    record Run(WordMemory memory, SimulatedCpu cpu, long root, String console) {}

    /** Checks (reads confined to the file) then loads the file; the console holds the reason when it halted. */
    static Run checkAndLoad(byte[] file) {
        WordMemory memory = new WordMemory();
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

    static byte[] good() {
        List<ElfSegment> s = List.of(new ElfSegment("text", BASE, BASE, new byte[100], 100, ElfSegment.R | ElfSegment.X),
                new ElfSegment("data", BASE + 0x2000, BASE + 0x2000, new byte[10], 5000, ElfSegment.R | ElfSegment.W));
        return new ElfImage(BASE + 4, s, List.of()).bytes();
    }

    static byte[] put(byte[] file, int at, int size, long value) {
        byte[] b = file.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (size) {
            case 1 -> buf.put(at, (byte) value);
            case 2 -> buf.putShort(at, (short) value);
            case 4 -> buf.putInt(at, (int) value);
            default -> buf.putLong(at, value);
        }
        return b;
    }

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
    Arbitrary<byte[]> mutated() {
        byte[] g = good();
        int headers = 64 + 2 * 56;
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, headers - 1), Arbitraries.integers(), Arbitraries.integers().between(0, 2))
                .as((at, v, kind) -> new int[] {at, v, kind});
        return edit.list().ofMinSize(1).ofMaxSize(3).map(edits -> {
            byte[] b = g;
            for (int[] e : edits) b = switch (e[2]) {
                case 0 -> put(b, e[0], 1, e[1]);
                case 1 -> put(b, e[0] & ~7, 8, BASE + e[1]);
                default -> put(b, e[0] & ~3, 4, e[1] & 0xFFFF);
            };
            return b;
        });
    }

    /** Any corruption of the headers: a named refusal in one line, or a load that succeeds. */
    @Property(tries = 1000)
    void corruptedHeadersAreRefusedInOneLineOrLoad(@ForAll("mutated") byte[] file) {
        String out = checkAndLoad(file).console();
        assertTrue(out.isEmpty() || out.startsWith(PREFIX) && out.indexOf('\n') == out.length() - 1, out);
    }
}
