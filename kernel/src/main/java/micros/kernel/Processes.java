package micros.kernel;

/**
 * The user processes and whether each runs or waits. Today there is one, the memory manager (process 0),
 * which the boot code enters; a process that waits is never returned to until something gives it work,
 * and with every process waiting the kernel goes {@link Idle}.
 */
public final class Processes {
    public static final int MAX = 1;
    public static final int RUNNING = 0, WAITING = 1;
    /** Processes started, and the one that runs (or made the system call being served). */
    public static int count = 1, current = 0;
    public static final int[] state = new int[MAX];

    private Processes() {}

    /** Marks the current process waiting. */
    public static void waitCurrent() { state[current] = WAITING; }

    public static boolean allWait() {
        for (int i = 0; i < count; i++) if (state[i] != WAITING) return false;
        return true;
    }
}
