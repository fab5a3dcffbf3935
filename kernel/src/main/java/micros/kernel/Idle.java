package micros.kernel;

import micros.magic.Cpu;
import micros.magic.Kernel;

/**
 * Every process waits: the kernel stops its timer (tickless idle: nothing to preempt, so nothing to
 * tick for), says so on COM1 and halts with interrupts on, ready for the interrupt that would give a
 * process work. With {@code exit=isa-debug} it first reports {@link ExitStatus#IDLE}, which ends a QEMU
 * or bench run that has the device.
 */
public final class Idle {
    /** The kernel's last line when the system has nothing left to do. */
    public static final String LINE = "micros: every process waits; idle\n";

    private Idle() {}

    /** Never returns; runs on the kernel stack of the system call that made the last process wait. */
    public static void enter() {
        Interrupts.stopTimer();
        Kernel.log(LINE);
        ExitStatus.report(ExitStatus.IDLE);
        while (true) {
            Cpu.sti();
            Cpu.hlt(); // an interrupt returns here: nothing wakes a process yet, so wait again
        }
    }
}
