package micros.kernel;

import micros.magic.Kernel;
import micros.magic.Port;

/**
 * How the whole system ended, for a machine that can be told: with {@code exit=isa-debug} on the command
 * line the kernel writes a status to QEMU's isa-debug-exit device (port 0xf4, 4 bytes wide, as blog_os's
 * test harness uses it), and QEMU exits at once with {@code (status << 1) | 1}; the bench models the same
 * port. Before the write the kernel prints the status on COM1, so that a run without the device (a real
 * machine, or QEMU without it) still says how it ended; after it, if the machine runs on, the kernel idles
 * or halts as it would have. Without the option nothing is written: on a real PC port 0xf4 is no such device.
 */
public final class ExitStatus {
    public static final int PORT = 0xF4;
    /** Every process waits: the system did all it had to. */
    public static final int IDLE = 0;
    /** The kernel refused to boot: bad boot information, a bad memory manager image, not enough memory. */
    public static final int BOOT_FAILURE = 1;
    /** A kernel invariant broke ({@code Kernel.panic}). */
    public static final int PANIC = 2;
    /** An exception in the kernel (ring 0). */
    public static final int KERNEL_FAULT = 3;
    /** An exception in a user process (ring 3) the kernel cannot recover from. */
    public static final int PROCESS_FAULT = 4;

    static final byte[] OPTION = {'e', 'x', 'i', 't', '=', 'i', 's', 'a', '-', 'd', 'e', 'b', 'u', 'g'};
    static final int UNKNOWN = 0, OFF = 1, ON = 2;
    /** Read from the command line once the boot information is parsed (the memory manager may write it later). */
    static int device = UNKNOWN;

    private ExitStatus() {}

    /** Reads {@code exit=isa-debug} from the command line of the boot information just parsed. */
    public static void configure() {
        device = CommandLine.hasWord(BootInformation.commandLine, OPTION) ? ON : OFF;
    }

    /** Whether the command line asks for the exit device (before {@link #configure}: as far as the information was parsed). */
    public static boolean requested() {
        if (device == UNKNOWN) return CommandLine.hasWord(BootInformation.commandLine, OPTION);
        return device == ON;
    }

    /** Reports {@code status} on COM1 and to the exit device when the command line asks for it; returns when the machine runs on. */
    public static void report(int status) {
        if (!requested()) return;
        Kernel.log("micros: exit status ");
        Console.decimal(status);
        Kernel.log(" (");
        name(status);
        Kernel.log(") to isa-debug-exit\n");
        Port.out32(PORT, status);
    }

    static void name(int status) {
        switch (status) {
            case IDLE -> Kernel.log("every process waits");
            case BOOT_FAILURE -> Kernel.log("boot failure");
            case PANIC -> Kernel.log("kernel panic");
            case KERNEL_FAULT -> Kernel.log("kernel fault");
            case PROCESS_FAULT -> Kernel.log("process fault");
            default -> Kernel.log("unknown");
        }
    }
}
