package micros.kernel;

import micros.magic.Cpu;
import micros.magic.Memory;
import micros.magic.SystemCall;

/**
 * The TSS (kernel stack for traps from ring 3, IST stacks for the double fault and the NMI) and the IDT
 * (Intel SDM vol. 3A, 6.14): an interrupt gate for every exception vector and the local APIC's vectors,
 * each to its stub in the boot code. The breakpoint and system call gates have DPL 3, so {@code int3} and {@code int 0x80} work in ring 3 too.
 */
public final class Descriptors {
    public static final int KERNEL_CODE = 0x08, KERNEL_DATA = 0x10, USER_DATA = 0x18, USER_CODE = 0x20, TSS_SELECTOR = 0x28, TSS_LIMIT = 103;
    /** null, kernel code, kernel data, user data, user code (data first, as sysret wants), TSS (two entries). */
    public static final int GDT_ENTRIES = 7;
    public static final long[] SEGMENTS = {0, 0x0020_9A00_0000_0000L, 0x0000_9200_0000_0000L, 0x0000_F200_0000_0000L, 0x0020_FA00_0000_0000L};
    static final int TSS_RSP0 = 4, TSS_IST1 = 36, TSS_IST2 = 44, TSS_IO_MAP = 102;
    static final long GATE_INTERRUPT = 0x8E, GATE_DPL3 = 0x60, TSS_AVAILABLE = 0x89;
    static final int IST_DOUBLE_FAULT = 1, IST_NMI = 2;
    /** Bytes of a gate: the IST index, the type and DPL. */
    static final int GATE_IST = 4, GATE_TYPE = 5;

    private Descriptors() {}

    /** The kernel's GDT (the boot GDT's three entries, user data 0x18 and code 0x20, the TSS at 0x28), the TSS and the IDT loaded. */
    public static void install() {
        long tss = KernelLayout.get(KernelLayout.TSS), gdt = KernelLayout.get(KernelLayout.GDT);
        long pointer = KernelLayout.get(KernelLayout.DESCRIPTOR_POINTER);
        Memory.write16(pointer, GDT_ENTRIES * 8 - 1);
        Memory.write64(pointer + 2, gdt);
        Cpu.lgdt(pointer);  // the selectors in use (0x08, 0x10) mean what they meant in the boot GDT
        Memory.write64(tss + TSS_RSP0, KernelStacks.KERNEL_TOP);
        Memory.write64(tss + TSS_IST1, KernelStacks.DOUBLE_FAULT_TOP);
        Memory.write64(tss + TSS_IST2, KernelStacks.NMI_TOP);
        Memory.write16(tss + TSS_IO_MAP, TSS_LIMIT + 1);  // no I/O permission map: every port is kernel-only
        Memory.write64(gdt + TSS_SELECTOR, TSS_LIMIT | (tss & 0xFF_FFFF) << 16 | TSS_AVAILABLE << 40 | (tss >>> 24 & 0xFF) << 56);
        Memory.write64(gdt + TSS_SELECTOR + 8, tss >>> 32);
        Cpu.ltr(TSS_SELECTOR);

        long idt = KernelLayout.get(KernelLayout.IDT), stubs = KernelLayout.get(KernelLayout.TRAP_STUBS);
        // Every gate alike first (kernel code, interrupt gate, no IST); then the four that differ get their byte.
        long common = (long) KERNEL_CODE << 16 | GATE_INTERRUPT << 40;
        for (int v = 0; v < Traps.STUBS; v++) {
            long handler = Memory.read64(stubs + 8L * v);
            long gate = idt + 16L * Traps.vectorOfStub(v);
            Memory.write64(gate, handler & 0xFFFF | common | (handler & 0xFFFF_0000L) << 32);
            Memory.write64(gate + 8, handler >>> 32);
        }
        Memory.write8(idt + 16L * Traps.DOUBLE_FAULT + GATE_IST, IST_DOUBLE_FAULT);
        Memory.write8(idt + 16L * Traps.NMI + GATE_IST, IST_NMI);
        Memory.write8(idt + 16L * Traps.BREAKPOINT + GATE_TYPE, (int) (GATE_INTERRUPT | GATE_DPL3));
        Memory.write8(idt + 16L * SystemCall.VECTOR + GATE_TYPE, (int) (GATE_INTERRUPT | GATE_DPL3));
        Memory.write16(pointer, 256 * 16 - 1);
        Memory.write64(pointer + 2, idt);
        Cpu.lidt(pointer);
    }
}
