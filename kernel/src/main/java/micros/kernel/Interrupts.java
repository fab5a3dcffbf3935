package micros.kernel;

import micros.magic.Cpu;
import micros.magic.Memory;
import micros.magic.Port;

/**
 * Interrupt controllers. The legacy 8259 pair is remapped past the exception vectors and fully masked
 * before anything can enable interrupts (a PC's PIC timer otherwise arrives as vector 8, which reads as a
 * double fault). The local APIC (Intel SDM vol. 3A, 11) is enabled with a spurious vector, an error
 * vector and its timer running periodic; each tick counts and is acknowledged.
 */
public final class Interrupts {
    static final int PIC1 = 0x20, PIC2 = 0xA0, ICW1_INIT_ICW4 = 0x11, ICW4_8086 = 1, MASK_ALL = 0xFF;
    public static final int PIC1_VECTORS = 0x20, PIC2_VECTORS = 0x28;
    public static final int TIMER = 0x30, APIC_ERROR = 0x31, SPURIOUS = 0xFF;
    static final int IA32_APIC_BASE = 0x1B;
    static final long APIC_ENABLE = 1 << 11, APIC_BASE_MASK = 0x000F_FFFF_FFFF_F000L;
    static final int EOI = 0xB0, SPURIOUS_REGISTER = 0xF0, LVT_TIMER = 0x320, LVT_ERROR = 0x370, ERROR_STATUS = 0x280,
            INITIAL_COUNT = 0x380, DIVIDE = 0x3E0;
    static final int SOFTWARE_ENABLE = 1 << 8, MASKED = 1 << 16, PERIODIC = 1 << 17, DIVIDE_BY_16 = 3, TIMER_COUNT = 1_000_000;

    public static long apic;
    public static long ticks;

    private Interrupts() {}

    /** Remaps the 8259 pair to 0x20-0x2F and masks every line. */
    public static void maskLegacyPic() {
        Port.out8(PIC1, ICW1_INIT_ICW4);
        Port.out8(PIC2, ICW1_INIT_ICW4);
        Port.out8(PIC1 + 1, PIC1_VECTORS);
        Port.out8(PIC2 + 1, PIC2_VECTORS);
        Port.out8(PIC1 + 1, 4);  // a slave on line 2
        Port.out8(PIC2 + 1, 2);  // the slave's cascade identity
        Port.out8(PIC1 + 1, ICW4_8086);
        Port.out8(PIC2 + 1, ICW4_8086);
        Port.out8(PIC1 + 1, MASK_ALL);
        Port.out8(PIC2 + 1, MASK_ALL);
    }

    /** Enables the local APIC and starts its timer; the base is where IA32_APIC_BASE says. */
    public static void startApic() {
        long base = Cpu.rdmsr(IA32_APIC_BASE);
        Cpu.wrmsr(IA32_APIC_BASE, base | APIC_ENABLE);
        apic = base & APIC_BASE_MASK;
        Memory.write32(apic + SPURIOUS_REGISTER, SOFTWARE_ENABLE | SPURIOUS);
        Memory.write32(apic + LVT_ERROR, APIC_ERROR);
        Memory.write32(apic + DIVIDE, DIVIDE_BY_16);
        Memory.write32(apic + LVT_TIMER, TIMER | PERIODIC);
        Memory.write32(apic + INITIAL_COUNT, TIMER_COUNT);
    }

    /** Masks the timer and zeroes its count: no more ticks (an expiry already pending is still taken). */
    public static void stopTimer() {
        Memory.write32(apic + LVT_TIMER, TIMER | MASKED);
        Memory.write32(apic + INITIAL_COUNT, 0);
    }

    public static void endOfInterrupt() { Memory.write32(apic + EOI, 0); }

    /** The APIC error status (written first: reading it latches the errors since the last write). */
    public static int errorStatus() {
        Memory.write32(apic + ERROR_STATUS, 0);
        return Memory.read32(apic + ERROR_STATUS);
    }
}
