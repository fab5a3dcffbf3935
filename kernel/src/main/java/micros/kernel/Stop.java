package micros.kernel;

import micros.compiler.Compiler;

/**
 * What the kernel does last when it halts for good: {@code Kernel.halt} and {@code Kernel.panic} call
 * {@link #stop} (the compiler's stop hook) with interrupts off, and the machine halts when it returns. The
 * status is the panic's, or the failure the halting code recorded ({@link #failure}), a boot failure unless
 * it said otherwise.
 */
public final class Stop {
    /** The status of the next halt that is not a panic: {@link ExitStatus#BOOT_FAILURE} until a trap says it is a fault. */
    public static int failure = ExitStatus.BOOT_FAILURE;
    static boolean stopping;

    private Stop() {}

    /** The compiler's stop hook; {@code reason} is {@link Compiler#HALT} or {@link Compiler#PANIC}. */
    public static void stop(int reason) {
        if (stopping) return; // the report itself halted: halt for good, not again and again
        stopping = true;
        ExitStatus.report(reason == Compiler.PANIC ? ExitStatus.PANIC : failure);
    }
}
