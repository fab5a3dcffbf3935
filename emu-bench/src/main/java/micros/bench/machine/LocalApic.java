package micros.bench.machine;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The bootstrap processor's local APIC in xAPIC mode (Intel SDM vol. 3, chapter 10) as a kernel programs
 * it: ID, version, TPR, EOI, spurious vector, the LVT entries, and the timer in one-shot and periodic
 * modes. Time is the machine's instruction count: one timer tick (before the divider) every
 * {@code instructionsPerTick} instructions, so a run is the same every time.
 *
 * <p>Interrupts follow the APIC's priority rules: a fired vector waits in IRR until its priority class is
 * above the processor priority (TPR and the highest in-service vector), moves to ISR when the CPU takes it,
 * and leaves ISR at EOI. Registers are 32 bits at 16-byte offsets; other accesses are logged once and ignored.
 */
public final class LocalApic {
    public static final long DEFAULT_BASE = 0xFEE0_0000L;
    static final int ID = 0x20, VERSION = 0x30, TPR = 0x80, APR = 0x90, PPR = 0xA0, EOI = 0xB0, LDR = 0xD0, DFR = 0xE0,
            SVR = 0xF0, ISR = 0x100, TMR = 0x180, IRR = 0x200, ESR = 0x280, ICR_LOW = 0x300, ICR_HIGH = 0x310,
            LVT_TIMER = 0x320, LVT_ERROR = 0x370, INITIAL_COUNT = 0x380, CURRENT_COUNT = 0x390, DIVIDE = 0x3E0;
    /** Version 0x14 (an integrated APIC) with six LVT entries. */
    static final int VERSION_VALUE = 0x0005_0014;
    private static final int MASKED = 1 << 16, PERIODIC = 1 << 17, TSC_DEADLINE = 2 << 17, SOFTWARE_ENABLE = 1 << 8;

    private final LongSupplier clock;
    private final long instructionsPerTick;
    private final Consumer<String> log;
    private final Set<String> logged = new HashSet<>();

    private int id, tpr, svr = 0xFF, ldr, dfr = 0xFFFF_FFFF, esr, icrLow, icrHigh, divide;
    /** LVT timer, thermal, performance, LINT0, LINT1, error (0x320 to 0x370): all masked at reset. */
    private final int[] lvt = {MASKED, MASKED, MASKED, MASKED, MASKED, MASKED};
    private long initialCount;
    /** When the current count was last loaded from the initial count, and when it next reaches 0 (or -1). */
    private long countStart, nextFire = -1;
    private final BitSet irr = new BitSet(256), isr = new BitSet(256);

    public LocalApic(LongSupplier clock, long instructionsPerTick, Consumer<String> log) {
        if (instructionsPerTick < 1) throw new IllegalArgumentException("instructions per APIC tick must be at least 1, got " + instructionsPerTick);
        this.clock = clock;
        this.instructionsPerTick = instructionsPerTick;
        this.log = log;
    }

    public long read(long offset, int size) {
        if (!wellFormed(offset, size, "read")) return 0;
        int reg = (int) offset;
        return switch (reg) {
            case ID -> (long) id << 24;
            case VERSION -> VERSION_VALUE;
            case TPR -> tpr;
            case APR -> 0;
            case PPR -> processorPriority();
            case LDR -> ldr;
            case DFR -> dfr & 0xFFFF_FFFFL;
            case SVR -> svr;
            case ESR -> esr;
            case ICR_LOW -> icrLow;
            case ICR_HIGH -> icrHigh;
            case INITIAL_COUNT -> initialCount;
            case CURRENT_COUNT -> currentCount();
            case DIVIDE -> divide;
            default -> {
                if (reg >= ISR && reg < ISR + 0x80) yield word(isr, (reg - ISR) >> 4);
                if (reg >= TMR && reg < TMR + 0x80) yield 0;
                if (reg >= IRR && reg < IRR + 0x80) yield word(irr, (reg - IRR) >> 4);
                if (reg >= LVT_TIMER && reg <= LVT_ERROR) yield lvt[(reg - LVT_TIMER) >> 4];
                logOnce("read of unknown local APIC register 0x" + Integer.toHexString(reg) + " reads 0");
                yield 0;
            }
        };
    }

    public void write(long offset, int size, long value) {
        if (!wellFormed(offset, size, "write")) return;
        int reg = (int) offset, v = (int) value;
        switch (reg) {
            case ID -> id = v >>> 24;
            case TPR -> tpr = v & 0xFF;
            case EOI -> { int top = isr.length() - 1; if (top >= 0) isr.clear(top); }
            case LDR -> ldr = v & 0xFF00_0000;
            case DFR -> dfr = v | 0x0FFF_FFFF;
            case SVR -> svr = v & 0x13FF;
            case ESR -> esr = 0; // a write latches the errors; the bench raises none
            case ICR_LOW -> { icrLow = v & ~(1 << 12); logOnce("inter-processor interrupts are not modelled (ICR written)"); }
            case ICR_HIGH -> icrHigh = v & 0xFF00_0000;
            case INITIAL_COUNT -> startTimer(value & 0xFFFF_FFFFL);
            case DIVIDE -> divide = v & 0xB;
            default -> {
                if (reg >= LVT_TIMER && reg <= LVT_ERROR) writeLvt((reg - LVT_TIMER) >> 4, v);
                else logOnce("write of read-only or unknown local APIC register 0x" + Integer.toHexString(reg) + " ignored");
            }
        }
    }

    private void writeLvt(int index, int v) {
        if (!softwareEnabled()) v |= MASKED; // while the APIC is software-disabled the mask bits stay set
        lvt[index] = v & (index == 0 ? 0x7_10FF : 0x1_F7FF);
        if (index == 0 && (v & TSC_DEADLINE) != 0) logOnce("the TSC-deadline timer mode is not modelled");
    }

    private boolean wellFormed(long offset, int size, String access) {
        if (size == 4 && (offset & 0xF) == 0 && offset < 0x1000) return true;
        logOnce(access + " of " + size + " bytes at local APIC offset 0x" + Long.toHexString(offset) + " ignored (registers are 32-bit, 16-byte aligned)");
        return false;
    }

    private void logOnce(String what) {
        if (logged.add(what)) log.accept("bench: " + what);
    }

    private boolean softwareEnabled() { return (svr & SOFTWARE_ENABLE) != 0; }

    /** The divide configuration register's bits 0, 1 and 3 select 2, 4, ..., 128 or 1 (SDM figure 10-10). */
    long divisor() {
        int code = (divide & 3) | (divide & 8) >> 1;
        return code == 7 ? 1 : 2L << code;
    }

    private long period() { return initialCount * divisor() * instructionsPerTick; }

    private void startTimer(long count) {
        initialCount = count;
        countStart = clock.getAsLong();
        nextFire = count == 0 ? -1 : countStart + period();
    }

    long currentCount() {
        if (initialCount == 0 || nextFire < 0 && (lvt[0] & PERIODIC) == 0) return 0;
        long ticks = (clock.getAsLong() - countStart) / (divisor() * instructionsPerTick);
        return (lvt[0] & PERIODIC) != 0 ? initialCount - ticks % initialCount : Math.max(0, initialCount - ticks);
    }

    /** The machine time at which something may need the CPU: a timer expiry, or now if an interrupt waits. */
    long nextEvent() {
        if (!irr.isEmpty()) return 0;
        return nextFire < 0 ? Long.MAX_VALUE : nextFire;
    }

    /** Brings the timer up to the machine's time: an expiry sets the timer's vector in IRR (unless masked). */
    void advance() {
        long now = clock.getAsLong();
        if (nextFire < 0 || now < nextFire) return;
        int timer = lvt[0];
        if ((timer & MASKED) == 0 && softwareEnabled() && (timer & 0xFF) >= 16) irr.set(timer & 0xFF);
        if ((timer & PERIODIC) != 0) {
            long p = period();
            countStart = nextFire + (now - nextFire) / p * p; // a late check does not queue missed periods
            nextFire = countStart + p;
        } else {
            nextFire = -1;
        }
    }

    /** The vector the CPU would take now (IF permitting), or -1. */
    int deliverable() {
        int top = irr.length() - 1;
        return top >= 0 && (top >> 4) > (processorPriority() >> 4) ? top : -1;
    }

    /** The CPU takes {@code vector}: it moves from IRR to ISR until EOI. */
    void acknowledge(int vector) {
        irr.clear(vector);
        isr.set(vector);
    }

    private int processorPriority() {
        int inService = isr.length() - 1;
        return Math.max(tpr, inService < 0 ? 0 : inService & 0xF0) & 0xFF;
    }

    /** For the console: what a kernel developer checks when no timer interrupt arrives. */
    public String describe() {
        int timer = lvt[0];
        String mode = (timer & TSC_DEADLINE) != 0 ? "TSC-deadline (not modelled)" : (timer & PERIODIC) != 0 ? "periodic" : "one-shot";
        long now = clock.getAsLong();
        return String.format("local APIC at 0x%x: %s, spurious vector 0x%02x, ID %d, TPR 0x%02x, PPR 0x%02x%n"
                        + "timer: %s, vector 0x%02x, %s, divide by %d, initial count %d, current count %d, %s%n"
                        + "clock: %d instructions per tick, machine time %d%n"
                        + "IRR %s  ISR %s",
                DEFAULT_BASE, softwareEnabled() ? "enabled" : "software-disabled", svr & 0xFF, id, tpr, processorPriority(),
                mode, timer & 0xFF, (timer & MASKED) != 0 ? "masked" : "unmasked", divisor(), initialCount, currentCount(),
                nextFire < 0 ? "not running" : "expires at time " + nextFire + " (in " + (nextFire - now) + ")",
                instructionsPerTick, now, vectors(irr), vectors(isr));
    }

    private static String vectors(BitSet bits) {
        if (bits.isEmpty()) return "-";
        StringBuilder s = new StringBuilder();
        bits.stream().forEach(v -> s.append(s.isEmpty() ? "" : ",").append(String.format("0x%02x", v)));
        return s.toString();
    }

    private static long word(BitSet bits, int index) {
        long w = 0;
        for (int i = 0; i < 32; i++) if (bits.get(32 * index + i)) w |= 1L << i;
        return w;
    }
}
