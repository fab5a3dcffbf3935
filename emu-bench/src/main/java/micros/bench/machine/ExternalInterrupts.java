package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Interrupts from devices reaching the CPU: the local APIC on the machine's clock. Machine time is the
 * instructions executed plus those the CPU spent halted: {@code hlt} with IF set lets time jump to the
 * APIC's next event. The block hook asks whether to stop for an interrupt; the run loop then takes it.
 */
final class ExternalInterrupts {
    private final Unicorn uc;
    private final LongSupplier executed;
    private final InterruptDelivery delivery;
    private final LocalApic apic;
    /** Instructions the CPU did not run while halted waiting for an interrupt. */
    private long idle;

    /** {@code changed}: called after every APIC register write, which may move its next event. */
    ExternalInterrupts(Unicorn uc, LongSupplier executed, InterruptDelivery delivery, long instructionsPerApicTick, Consumer<String> log,
                       Runnable changed) {
        this.uc = uc;
        this.executed = executed;
        this.delivery = delivery;
        this.apic = new LocalApic(this::time, instructionsPerApicTick, log);
        uc.mapMmio(LocalApic.DEFAULT_BASE, 0x1000, apic::read, (offset, size, value) -> {
            apic.write(offset, size, value);
            changed.run();
        });
    }

    LocalApic apic() { return apic; }

    /** At a block boundary: whether an interrupt is due and IF lets the CPU take it (then stop the run). */
    boolean due() {
        if (time() < apic.nextEvent()) return false;
        apic.advance();
        return apic.deliverable() >= 0 && interruptsEnabled();
    }

    /** The instruction count at which the APIC's next event comes (Long.MAX_VALUE: none; at most now: one waits). */
    long nextEventAtCount() {
        long next = apic.nextEvent();
        return next == Long.MAX_VALUE ? next : next - idle;
    }

    /** Whether an interrupt could ever reach the CPU as it is: IF set and the APIC has something pending or armed. */
    boolean canArrive() { return interruptsEnabled() && apic.nextEvent() != Long.MAX_VALUE; }

    /** Machine time, in instructions: what the APIC timer counts. */
    long time() { return executed.getAsLong() + idle; }

    private boolean interruptsEnabled() { return (uc.reg(X86.EFLAGS) & X86Bits.RFLAGS_IF) != 0; }

    /** Hands the APIC's highest-priority deliverable interrupt to the CPU, if IF allows. */
    boolean takeInterrupt() {
        if (!interruptsEnabled()) return false;
        apic.advance();
        int vector = apic.deliverable();
        if (vector < 0) return false;
        apic.acknowledge(vector);
        delivery.raiseExternal(vector);
        return true;
    }

    /** After hlt with IF set: time passes until the APIC's next event; false if nothing will ever come. */
    boolean idleUntilInterrupt() {
        long next = apic.nextEvent();
        if (next == Long.MAX_VALUE) return false;
        idle += Math.max(0, next - time());
        return takeInterrupt() || apic.nextEvent() != Long.MAX_VALUE;
    }
}
