package micros.bench.machine;

import micros.asm.ElfImage;
import micros.fixtures.ApicKernels;
import micros.fixtures.IdleKernels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A system that goes idle with nothing left to wake it ends the run by itself, with no instruction budget. */
class IdleTest {
    static StopReason.Idle runToIdle(String name, Machine m) {
        StopReason why = m.run(0);
        return assertInstanceOf(StopReason.Idle.class, why, () -> name + ": " + why + "\n" + m.serial().text());
    }

    @Test
    void aRing3JumpToItselfWithNoTimerArmedIsIdle() {
        ElfImage image = IdleKernels.spinInRing3();
        try (Machine m = Machine.boot("idle-spin.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason.Idle idle = runToIdle("idle-spin.elf", m);
            assertEquals(new StopReason.Idle(image.symbol("spin"), IdleLoop.JUMP_TO_ITSELF, "64-bit long mode, paging on", 3, true), idle);
            assertTrue(m.instructionsExecuted() < 100_000, "stopped at once: " + m.instructionsExecuted());
            assertEquals("micros: long mode\n" + IdleKernels.SPINNING + "\n", m.serial().text());
        }
    }

    @Test
    void hltWithInterruptsOnAndNoTimerIsIdle() {
        ElfImage image = IdleKernels.haltWithInterruptsOn();
        try (Machine m = Machine.boot("idle-hlt.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason.Idle idle = runToIdle("idle-hlt.elf", m);
            assertEquals(new StopReason.Idle(image.symbol("wait.hlt"), IdleLoop.HALT_WITH_INTERRUPTS_ON, "32-bit protected mode, paging off", 0, true), idle);
            assertEquals(IdleKernels.HALTING + "\n", m.serial().text());
        }
    }

    /** While the timer is armed the spin is interrupted as a real CPU's would be; once the handler stops it, the spin is idle. */
    @Test
    void aSpinIsNotIdleWhileATimerIsArmed() {
        ElfImage image = ApicKernels.timerThenSpin();
        try (Machine m = Machine.boot("timer-then-spin.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason.Idle idle = runToIdle("timer-then-spin.elf", m);
            assertEquals(image.symbol("spin"), idle.rip());
            assertEquals("micros: long mode\n" + ApicKernels.TICKS_WHILE_SPINNING + "\n", m.serial().text());
            long period = ApicKernels.TIMER_INITIAL_COUNT * 16L;
            assertTrue(m.time() >= 10 * period, "ten timer periods passed, spinning: " + m.time());
        }
    }
}
