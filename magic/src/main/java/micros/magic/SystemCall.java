package micros.magic;

import micros.magic.sim.Machine;

/**
 * System calls: what a user process asks the kernel for, by number, through the DPL-3 interrupt gate
 * {@link #VECTOR} (docs/system-calls.md has the whole convention). The numbers are the kernel's interface,
 * shared here by the kernel that serves them and the processes that make them.
 *
 * <p>Lowering ({@code number} in {@code rdi}, the result in {@code rax}; every other register survives):
 * <pre>
 *   call(n)       mov rax, rdi; int 0x80
 * </pre>
 */
public final class SystemCall {
    /** The interrupt vector of the system call gate (DPL 3: {@code int 0x80} from ring 3 reaches the kernel). */
    public static final int VECTOR = 0x80;
    /** 0 is no call, so that a process that forgot to set rax gets {@link #UNKNOWN} instead of some call. */
    public static final long NONE = 0;
    /** Blocks until the process has work. With every process waiting, the kernel goes idle. Returns 0. */
    public static final long WAIT = 1;
    /** The result of a number the kernel does not serve. */
    public static final long UNKNOWN = -1;

    private SystemCall() {}

    /** Makes system call {@code number} and returns the kernel's answer. */
    public static long call(long number) { return Machine.current().systemCall(number); }
}
