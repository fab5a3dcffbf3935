package micros.kernel;

import micros.magic.Kernel;
import micros.magic.Memory;
import micros.magic.SystemCall;

/**
 * The system calls a process makes through the DPL-3 gate {@link SystemCall#VECTOR}: the number in rax,
 * the result back in rax, every other register as it was (the trap stub saved them all; docs/system-calls.md).
 * An unknown number answers {@link SystemCall#UNKNOWN} and is reported on COM1.
 */
public final class SystemCalls {
    /** The saved rax in the trap frame (the stub pushes rax first, so it is the frame's 15th word). */
    static final int RAX = 14;

    private SystemCalls() {}

    public static void handle(long frame) {
        long number = Memory.read64(frame + 8L * RAX);
        if (number == SystemCall.WAIT) {
            Processes.waitCurrent();
            // With another process to run the kernel would switch to it here; with one, nobody is left.
            if (Processes.allWait()) Idle.enter();
            Memory.write64(frame + 8L * RAX, 0);
            return;
        }
        Kernel.log("micros: unknown system call ");
        Console.decimal(number & 0x7FFF_FFFF_FFFF_FFFFL);
        Kernel.log(" from process ");
        Console.decimal(Processes.current);
        Kernel.log("\n");
        Memory.write64(frame + 8L * RAX, SystemCall.UNKNOWN);
    }
}
