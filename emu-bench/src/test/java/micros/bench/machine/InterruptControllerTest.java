package micros.bench.machine;

import micros.asm.ElfImage;
import micros.fixtures.ApicKernels;
import org.junit.jupiter.api.Test;

import static micros.bench.machine.GuestWords.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local APIC timer interrupts a real kernel through its IDT; the 8259 pair takes the usual remap. */
class InterruptControllerTest {
    @Test
    void periodicApicTimerTicksTenTimesOnTheDeterministicClock() {
        ElfImage image = ApicKernels.apicTimer();
        try (Machine m = Machine.boot("apic-timer.elf", image.bytes(), MachineConfig.defaults().withInstructionsPerApicTick(3))) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.serial().text() + m.registers() + m.log());
            assertEquals("micros: long mode\n" + ApicKernels.COUNT_AFTER_ARMING + "0x" + Integer.toHexString(ApicKernels.TIMER_INITIAL_COUNT) + "\n"
                    + ApicKernels.APIC_TICKS + "\n", m.serial().text());
            assertEquals(10, u32(m, image.symbol("ticks")));
            assertEquals(LocalApic.VERSION_VALUE, u32(m, image.symbol("seen_version")));
            assertEquals(ApicKernels.TIMER_INITIAL_COUNT, u32(m, image.symbol("seen_count")), "no tick has passed yet");
            // Ten periods of 1000 ticks, each 16 (divider) * 3 (instructions per tick) instructions: the machine
            // idled in hlt for most of them, so its clock, not the instructions run, reached that far.
            long period = ApicKernels.TIMER_INITIAL_COUNT * 16L * 3;
            assertTrue(m.time() >= 10 * period && m.time() < 11 * period, "machine time " + m.time());
            assertTrue(m.instructionsExecuted() < period, "the kernel waited in hlt: " + m.instructionsExecuted());
            assertEquals(0x20, m.pic().masterBase());
            assertEquals(0x28, m.pic().slaveBase());
            assertEquals(0xFF, m.pic().masterMask());
            assertEquals(0xFF, m.pic().slaveMask());
            assertEquals(0xFFFF_FFFFL, u32(m, image.symbol("seen_ioapic")), "open bus where no device answers");
            assertEquals(java.util.List.of("bench: write to unknown device memory at 0xfec00000 ignored"), m.log(), "logged once for the page");
        }
    }

    @Test
    void theTimerPreemptsRing3CodeAndTheHandlerReturnsToIt() {
        ElfImage image = ApicKernels.userPreemption();
        try (Machine m = Machine.boot("user-preemption.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.serial().text() + m.registers());
            assertEquals("micros: long mode\n" + ApicKernels.PREEMPTED + "\n", m.serial().text());
            assertEquals(5, u32(m, image.symbol("ticks")));
            assertEquals(0x33, u32(m, image.symbol("seen_cs")), "interrupted in ring 3");
            long rip = u32(m, image.symbol("seen_rip")), loop = image.symbol("user_loop");
            assertTrue(rip >= loop && rip < loop + 8, "interrupted in the user loop: 0x" + Long.toHexString(rip));
            long spins = m.engine().reg(micros.bench.unicorn.X86.RCX);
            assertTrue(spins > 4 * 5000 / 2, "user code ran between ticks: " + spins);
        }
    }
}
