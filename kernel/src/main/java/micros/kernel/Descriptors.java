package micros.kernel;

import micros.magic.Cpu;
import micros.magic.SystemCall;

/**
 * The GDT, the TSS (kernel stack for traps from ring 3, IST stacks for the double fault and the NMI) and the
 * IDT (Intel SDM vol. 3A, 3.4.5, 7.2.3, 6.14): an interrupt gate for every exception vector and the local
 * APIC's vectors, each to its stub in the boot code. The breakpoint and system call gates have DPL 3, so
 * {@code int3} and {@code int 0x80} work in ring 3 too. The tables are data the image builder writes with
 * the formats here (every address they hold is known once the image is linked); the kernel only loads them.
 */
public final class Descriptors {
    public static final int KERNEL_CODE = 0x08, KERNEL_DATA = 0x10, USER_DATA = 0x18, USER_CODE = 0x20, TSS_SELECTOR = 0x28, TSS_LIMIT = 103;
    /** null, kernel code, kernel data, user data, user code (data first, as sysret wants), TSS (two entries). */
    public static final int GDT_ENTRIES = 7;
    public static final long[] SEGMENTS = {0, 0x0020_9A00_0000_0000L, 0x0000_9200_0000_0000L, 0x0000_F200_0000_0000L, 0x0020_FA00_0000_0000L};
    public static final int TSS_RSP0 = 4, TSS_IST1 = 36, TSS_IST2 = 44, TSS_IO_MAP = 102;
    static final long GATE_INTERRUPT = 0x8E, GATE_DPL3 = 0x60, TSS_AVAILABLE = 0x89;
    static final int IST_DOUBLE_FAULT = 1, IST_NMI = 2;
    /** Every vector has a gate slot: the spurious vector is 0xFF. */
    public static final int IDT_ENTRIES = 256;

    private Descriptors() {}

    /** Loads the kernel's GDT (the boot GDT's three entries, user data 0x18 and code 0x20, the TSS at 0x28), the TSS and the IDT. */
    public static void install() {
        Cpu.lgdt(KernelLayout.get(KernelLayout.GDT_POINTER));  // the selectors in use (0x08, 0x10) mean what they meant in the boot GDT
        Cpu.ltr(TSS_SELECTOR);
        Cpu.lidt(KernelLayout.get(KernelLayout.IDT_POINTER));
    }

    /** The low 8 bytes of {@code vector}'s gate to {@code handler}: offset 15:0, kernel code, IST, type and DPL, offset 31:16. */
    public static long gateLow(long handler, int vector) {
        long type = vector == Traps.BREAKPOINT || vector == SystemCall.VECTOR ? GATE_INTERRUPT | GATE_DPL3 : GATE_INTERRUPT;
        long ist = vector == Traps.DOUBLE_FAULT ? IST_DOUBLE_FAULT : vector == Traps.NMI ? IST_NMI : 0;
        return handler & 0xFFFF | (long) KERNEL_CODE << 16 | ist << 32 | type << 40 | (handler & 0xFFFF_0000L) << 32;
    }

    /** The high 8 bytes of a gate: offset 63:32, then reserved zeros. */
    public static long gateHigh(long handler) { return handler >>> 32; }

    /** The low 8 bytes of the TSS's system descriptor (limit, base 31:0, available 64-bit TSS, present); the high 8 hold base 63:32. */
    public static long tssLow(long tss) {
        return TSS_LIMIT | (tss & 0xFF_FFFF) << 16 | TSS_AVAILABLE << 40 | (tss >>> 24 & 0xFF) << 56;
    }
}
