package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.ElfImage;
import micros.asm.Section;
import micros.kernel.Descriptors;
import micros.kernel.KernelStacks;
import micros.kernel.Traps;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's GDT, TSS and IDT written at build time, in the formats {@link Descriptors} defines, with
 * the two pseudo-descriptors {@code lgdt} and {@code lidt} read: the kernel loads them and writes nothing.
 * What they hold that the linker cannot write (a gate splits its handler's address into three fields, the
 * TSS descriptor its base into two) comes from a previous link of the same image: the tables have the same
 * size in every link, so nothing they depend on moves ({@link KernelImage} checks). The IDT is read-only
 * data (the CPU never writes a gate); the GDT is not (the CPU marks the TSS busy and segments accessed).
 */
public final class DescriptorTables {
    public static final String GDT = "kernel_gdt", TSS = "kernel_tss", IDT = "kernel_idt", GDT_POINTER = "kernel_gdt_pointer", IDT_POINTER = "kernel_idt_pointer";
    static final int GATE_BYTES = 16;

    /** What the tables hold from a link: the TSS's address and the stubs' (by stub), zeros before the first link. */
    public record Addresses(long tss, List<Long> stubs) {
        public static final Addresses UNLINKED = new Addresses(0, java.util.Collections.nCopies(Traps.STUBS, 0L));

        public static Addresses of(ElfImage image) {
            List<Long> stubs = new ArrayList<>();
            for (int s = 0; s < Traps.STUBS; s++) stubs.add(image.symbol(KernelEntry.stub(Traps.vectorOfStub(s))));
            return new Addresses(image.symbol(TSS), List.copyOf(stubs));
        }
    }

    private DescriptorTables() {}

    public static void emit(Assembler a, Addresses at) {
        a.section(Section.DATA).align(16).global(GDT).label(GDT).dq(Descriptors.SEGMENTS).dq(Descriptors.tssLow(at.tss()), at.tss() >>> 32);
        byte[] tss = new byte[Descriptors.TSS_LIMIT + 1];
        put(tss, Descriptors.TSS_RSP0, KernelStacks.KERNEL_TOP, 8);
        put(tss, Descriptors.TSS_IST1, KernelStacks.DOUBLE_FAULT_TOP, 8);
        put(tss, Descriptors.TSS_IST2, KernelStacks.NMI_TOP, 8);
        put(tss, Descriptors.TSS_IO_MAP, Descriptors.TSS_LIMIT + 1, 2);  // no I/O permission map: every port is kernel-only
        a.align(16).global(TSS).label(TSS).bytes(tss);
        a.align(8).global(GDT_POINTER).label(GDT_POINTER).dw(Descriptors.GDT_ENTRIES * 8 - 1).dqSymbol(GDT, 0);
        a.global(IDT_POINTER).label(IDT_POINTER).dw(Descriptors.IDT_ENTRIES * GATE_BYTES - 1).dqSymbol(IDT, 0);

        long[] idt = new long[2 * Descriptors.IDT_ENTRIES];
        for (int s = 0; s < Traps.STUBS; s++) {
            int v = Traps.vectorOfStub(s);
            long handler = at.stubs().get(s);
            idt[2 * v] = Descriptors.gateLow(handler, v);
            idt[2 * v + 1] = Descriptors.gateHigh(handler);
        }
        a.section(Section.RODATA).align(16).global(IDT).label(IDT).dq(idt);
    }

    private static void put(byte[] b, int offset, long value, int size) {
        for (int k = 0; k < size; k++) b[offset + k] = (byte) (value >>> 8 * k);
    }
}
