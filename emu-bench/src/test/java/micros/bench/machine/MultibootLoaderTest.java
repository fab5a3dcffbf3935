package micros.bench.machine;

import micros.asm.Assembler;
import micros.asm.CtlReg;
import micros.asm.Gpr;
import micros.asm.ElfFile;
import micros.asm.Linker;
import micros.asm.Section;
import micros.bench.unicorn.X86;
import micros.fixtures.Fixtures;
import micros.multiboot2.MemoryRegion;
import micros.multiboot2.PlacedModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static micros.asm.Operands.at;
import static micros.asm.Operands.imm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loader as GRUB: what it accepts, where it puts things, and the CPU state it hands over. */
class MultibootLoaderTest {
    static final int MAGIC = MultibootKernelHeader.MAGIC;

    /** A header with {@code tags} (each tag: u16 type, u16 flags, u32 size, payload; 8-byte aligned); {@code checksumDelta} breaks it. */
    static Consumer<Assembler> header(int checksumDelta, int[]... tags) {
        return a -> {
            int length = 16 + 8;
            for (int[] t : tags) length += (t[2] + 7) & ~7;
            a.dd(MAGIC, 0, length, (-(MAGIC + length) + checksumDelta) & 0xFFFF_FFFFL);
            for (int[] t : tags) {
                a.dw(t[0], t[1]).dd(t[2]);
                for (int i = 3; i < t.length; i++) a.dd(t[i]);
                a.align(8);
            }
            a.dw(0, 0).dd(8);
        };
    }

    /** A kernel: the header at {@code at}, then {@code cli; hlt}; {@code data} as its own segment at physical {@code dataAt}. */
    static byte[] kernel(Consumer<Assembler> header, long at, byte[] data, long dataAt, long bss) {
        Assembler a = new Assembler();
        a.section(Section.named(".multiboot", Section.Kind.RODATA)).align(8);
        header.accept(a);
        a.section(Section.TEXT).bits(32).global("_start").label("_start").cli().hlt();
        Linker l = new Linker();
        if (data != null) {
            a.section(Section.DATA);
            for (byte b : data) a.db(b & 0xFF);
            a.section(Section.BSS).space(bss);
        }
        l.add(a.finish()).segment(".multiboot", at);
        if (data != null) l.segment(".data", dataAt);
        return l.entry("_start").link().bytes();
    }

    static byte[] kernel(Consumer<Assembler> header) { return kernel(header, 0x100000, null, 0, 0); }

    static String rejection(byte[] kernel, MachineConfig config) {
        return assertThrows(BootException.class, () -> Machine.boot("k.elf", kernel, config).close()).getMessage();
    }

    @Test
    void theKernelStartsInTrueProtectedModeAsMultiboot2Says() {
        try (Machine m = Machine.boot("hello.elf", Fixtures.hello().bytes(), MachineConfig.defaults())) {
            m.stopAt(m.entry(), "entry");
            assertEquals(new StopReason.Breakpoint("entry", m.entry()), m.run(1000));
            var uc = m.engine();
            assertEquals(0x36d76289L, uc.reg(X86.RAX) & 0xFFFF_FFFFL, "EAX: the bootloader magic");
            assertEquals(m.bootInfoAddress(), uc.reg(X86.RBX), "EBX: the boot information");
            assertEquals(0, m.bootInfoAddress() % 8, "boot information 8-byte aligned");
            assertEquals(0x11, uc.reg(X86.CR0), "CR0: PE (and ET), paging off");
            assertEquals(0, uc.msr(X86.MSR_EFER), "EFER: not in long mode (LMA clear), not even compatibility mode");
            assertEquals(0, uc.reg(X86.CR4));
            assertEquals(0, uc.reg(X86.EFLAGS) & (X86Bits.RFLAGS_IF | X86Bits.RFLAGS_VM), "IF and VM clear");
            assertEquals(32, m.mode());
            var gdtr = uc.tableRegister(X86.GDTR);
            // GRUB 2.06's hand-off, measured in QEMU: code 0x10, data 0x18, ESP 0x7FF00, EFLAGS 0x46 (BIOS)
            assertEquals(0x10, uc.reg(X86.CS));
            long accessed = 1L << 40; // set by the CPU when it loads the segment
            assertEquals(0x00CF_9A00_0000_FFFFL, uc.read64(gdtr.base() + 0x10) & ~accessed, "CS: flat 4 GiB 32-bit code, DPL 0");
            for (int seg : new int[] {X86.DS, X86.ES, X86.FS, X86.GS, X86.SS}) assertEquals(0x18, uc.reg(seg));
            assertEquals(0x00CF_9200_0000_FFFFL, uc.read64(gdtr.base() + 0x18) & ~accessed, "data segments: flat 4 GiB, writable");
            assertEquals(0, uc.read64(gdtr.base() + 0x08), "no descriptor at 0x08: kernels must not assume another loader's layout");
            assertEquals(0x7_FF00, uc.reg(X86.RSP));
            assertEquals(0x46, uc.reg(X86.EFLAGS));
            MemoryMap map = MachineConfig.defaults().memoryMap();
            assertTrue(map.regions().stream().anyMatch(r -> r.type() == MemoryRegion.RESERVED && gdtr.base() >= r.base() && gdtr.base() + 24 <= r.end()),
                    "the loader's GDT lies in memory the map calls reserved");
            // and the CPU really is in legacy protected mode: it can enter long mode as any kernel does (checked by the micros.elf boot tests)
        }
    }

    @Test
    void headerRejectsNameTheFileAndTheProblem() {
        MachineConfig c = MachineConfig.defaults();
        assertEquals("k.elf: multiboot2 header at offset 4096 has a bad checksum", rejection(kernel(header(1)), c));
        assertEquals("k.elf: multiboot2 header has a required tag of unknown type 42 (0x2a)", rejection(kernel(header(0, new int[] {42, 0, 8})), c));
        assertEquals("k.elf: multiboot2 header requires boot information tag 9, which the bench does not provide",
                rejection(kernel(header(0, new int[] {1, 0, 16, 6, 9})), c));
        assertEquals("k.elf: multiboot2 header has an address tag but no entry address tag", rejection(kernel(header(0, new int[] {2, 0, 24, 0x100000, 0x100000, 0, 0})), c));
        assertEquals("k.elf: multiboot2 header tag 5 has a bad size 4", rejection(kernel(header(0, new int[] {5, 1, 4})), c));
        // optional tags the bench does not know, and optional requests it cannot satisfy, are fine
        try (Machine m = Machine.boot("k.elf", kernel(header(0, new int[] {42, 1, 8}, new int[] {1, 1, 12, 9})), c)) {
            assertInstanceOf(StopReason.Halted.class, m.run(100));
        }
    }

    @Test
    void segmentsMustLieInAvailableRam() {
        MachineConfig c = MachineConfig.defaults().withRam(64L << 20);
        byte[] data = {1, 2, 3};
        assertEquals("k.elf: segment at physical 0x8000000 (+0x3) lies outside available RAM (the memory map of a 64 MiB machine)",
                rejection(kernel(header(0), 0x100000, data, 0x800_0000, 0), c));
        assertTrue(rejection(kernel(header(0), 0x100000, data, 0xF_0000, 0), c).startsWith("k.elf: segment at physical 0xf0000 "), "the BIOS area is reserved");
        assertTrue(rejection(kernel(header(0), 0x100000, new byte[0x1000], 0x9_F000, 0), c).startsWith("k.elf: segment at physical 0x9f000 "),
                "a segment that runs into the EBDA");
    }

    @Provide
    Arbitrary<Long> pages() { return Arbitraries.longs().between(0x101, 0x3000).map(p -> p << 12); }

    /** Segments land at their physical addresses with .bss zeroed; modules follow page-aligned, in available RAM, intact. */
    @Property(tries = 30)
    void segmentsAndModulesArePlacedAsGrubPlacesThem(@ForAll("pages") long dataAt, @ForAll @Size(min = 1, max = 300) byte[] data,
                                                     @ForAll @IntRange(max = 20000) int bss,
                                                     @ForAll @Size(max = 3) List<@Size(max = 9000) byte[]> moduleBytes) {
        byte[] kernel = kernel(header(0), 0x100000, data, dataAt, bss);
        List<BootModule> modules = new ArrayList<>();
        for (int i = 0; i < moduleBytes.size(); i++) modules.add(new BootModule("m" + i, moduleBytes.get(i), "module " + i));
        try (Machine m = Machine.boot("k.elf", kernel, MachineConfig.defaults().withModules(modules))) {
            var uc = m.engine();
            ElfFile elf = ElfFile.read("k.elf", kernel);
            long kernelEnd = 0;
            for (ElfFile.ProgramHeader ph : elf.programHeaders()) {
                if (!ph.isLoad()) continue;
                assertArrayEquals(elf.contents(ph), uc.read(ph.paddr(), (int) ph.fileSize()), "file bytes at the physical address");
                assertArrayEquals(new byte[(int) (ph.memSize() - ph.fileSize())], uc.read(ph.paddr() + ph.fileSize(), (int) (ph.memSize() - ph.fileSize())), "the rest zero");
                kernelEnd = Math.max(kernelEnd, ph.paddr() + ph.memSize());
            }
            assertArrayEquals(data, uc.read(dataAt, data.length));
            long previousEnd = kernelEnd;
            List<PlacedModule> placed = m.modules();
            assertEquals(modules.size(), placed.size());
            MemoryMap map = MachineConfig.defaults().memoryMap();
            for (int i = 0; i < placed.size(); i++) {
                PlacedModule p = placed.get(i);
                assertEquals(0, p.start() % 4096, "page-aligned");
                assertTrue(p.start() >= previousEnd, "after the kernel and the module before");
                assertEquals(moduleBytes.get(i).length, p.end() - p.start());
                assertTrue(MultibootLoader.available(map, p.start(), p.end() - p.start()));
                assertArrayEquals(moduleBytes.get(i), uc.read(p.start(), moduleBytes.get(i).length));
                assertEquals("module " + i, p.string());
                previousEnd = p.end();
            }
            assertTrue(m.bootInfoAddress() >= previousEnd);
            int size = ByteBuffer.wrap(uc.read(m.bootInfoAddress(), 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] expected = BootInformation.build("", placed, map, Framebuffer.DEFAULT);
            assertArrayEquals(expected, uc.read(m.bootInfoAddress(), size), "the boot information is in memory as built");
            assertInstanceOf(StopReason.Halted.class, m.run(100));
            assertTrue(Arrays.equals(data, uc.read(dataAt, data.length)));
        }
    }

    /**
     * A 32-bit kernel with 32-bit paging (no PAE): 4 MiB pages map 0xC0000000 onto physical 0, as higher-half
     * 32-bit kernels do. It writes through the high mapping and sends a byte read back through it to COM1.
     */
    @Test
    void aThirtyTwoBitPagedHigherHalfKernelRuns() {
        long pageDirectory = 0x20_0000, high = 0xC000_0000L, slot = 0x30_0000;
        Assembler a = new Assembler();
        a.section(Section.named(".multiboot", Section.Kind.RODATA)).align(8);
        header(0).accept(a);
        a.section(Section.TEXT).bits(32).global("_start").label("_start");
        a.mov(at(pageDirectory, 32), imm(0x83));                         // 0–4 MiB identity (a 4 MiB page)
        a.mov(at(pageDirectory + 4 * (high >>> 22), 32), imm(0x83));     // 0xC0000000 → physical 0
        a.mov(Gpr.EAX, imm(pageDirectory)).mov(CtlReg.CR3, Gpr.EAX);
        a.mov(Gpr.EAX, CtlReg.CR4).or(Gpr.EAX, imm(0x10)).mov(CtlReg.CR4, Gpr.EAX);               // PSE
        a.mov(Gpr.EAX, CtlReg.CR0).or(Gpr.EAX, imm(0x8000_0000L)).mov(CtlReg.CR0, Gpr.EAX);       // paging on
        a.mov(at(high + slot, 8), imm('H')).mov(Gpr.AL, at(high + slot, 8));
        a.mov(Gpr.DX, imm(0x3F8)).out(Gpr.DX, Gpr.AL).cli().hlt();
        byte[] kernel = new Linker().add(a.finish()).segment(".multiboot", 0x100000).entry("_start").link().bytes();
        try (Machine m = Machine.boot("high.elf", kernel, MachineConfig.defaults())) {
            StopReason why = m.run(1000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.registers());
            assertEquals("H", m.serial().text());
            assertEquals('H', m.engine().read(slot, 1)[0], "the write went to the physical page");
            assertTrue(m.pagingEnabled());
            assertEquals(32, m.mode());
            assertEquals(slot + 5, m.walk(high + slot + 5).physical());
        }
    }

    @Test
    void aMachineWithGigabytesOfRamStartsAtOnce() {
        long t0 = System.nanoTime();
        try (Machine m = Machine.boot("hello.elf", Fixtures.hello().bytes(), MachineConfig.defaults().withRam(6L << 30))) {
            assertInstanceOf(StopReason.Halted.class, m.run(100_000));
            assertEquals(Fixtures.HELLO_LINE + "\n", m.serial().text());
            m.engine().write64((5L << 30) - 8, 42); // RAM above 4 GiB is there
            assertEquals(42, m.engine().read64((5L << 30) - 8));
        }
        System.out.printf("6 GiB machine: boot of hello.elf %.2f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
