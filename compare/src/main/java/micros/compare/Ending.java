package micros.compare;

import micros.release.QemuRun;

import java.util.regex.Matcher;

/**
 * How a run of a kernel ended, in terms both machines can report: its kind and, for a kernel that wrote its
 * exit status to the isa-debug-exit port, that status (else {@link #NO_STATUS}). Kind and status are compared;
 * the detail says more but is not.
 */
public record Ending(Kind kind, long status, String detail) {
    public static final long NO_STATUS = -1;
    /**
     * The bits of a status both machines report: QEMU exits with {@code (status << 1) | 1}, of which a process's
     * exit code keeps the low 8 bits; the bench reports all 32.
     */
    public static final long COMPARED_BITS = 0x7F;

    public enum Kind {
        /** The kernel wrote its exit status to the isa-debug-exit port (the bench's {@code DebugExit}; QEMU exits with (status << 1) | 1). */
        EXIT_STATUS("exit status"),
        /** {@code hlt} with interrupts off: the kernel stopped on purpose. */
        HALTED("clean halt"),
        /** The CPU reset: a triple fault (QEMU, run with -no-reboot, ends). */
        RESET("reset (triple fault)"),
        /** Waiting for ever: the bench's idle stop; in QEMU, no register changed for {@code QemuRunner.IDLE_SECONDS}. */
        IDLE("idle"),
        /** Still running when the run's bound was reached: instructions in the bench, seconds in QEMU. */
        RUNNING("still running"),
        /** The machine could not go on for a reason of its own: the bench refused or could not emulate something, QEMU failed. */
        FAILED("failed");

        private final String text;

        Kind(String text) { this.text = text; }

        @Override public String toString() { return text; }
    }

    /** An ending without an exit status: the kernel never wrote the port (it has no such use, or ended before it could). */
    public Ending(Kind kind, String detail) { this(kind, NO_STATUS, detail); }

    /**
     * The kernel wrote {@code status}; the detail is what its status line on {@code com1} calls it (the kernel
     * prints the line right before the write), or says it printed none for that status.
     */
    public static Ending exitStatus(long status, String com1) {
        Matcher line = QemuRun.STATUS_LINE.matcher(com1);
        String meaning = "not printed on COM1";
        while (line.find()) if (line.group(1).equals(Long.toString(status))) meaning = line.group(2);
        return new Ending(Kind.EXIT_STATUS, status, meaning);
    }

    /** Whether both runs ended the same way: the same kind and the same status (in {@link #COMPARED_BITS}). */
    public boolean sameAs(Ending other) {
        return kind == other.kind && (status == other.status || status >= 0 && other.status >= 0 && ((status ^ other.status) & COMPARED_BITS) == 0);
    }

    @Override public String toString() {
        if (kind == Kind.EXIT_STATUS) return kind + " " + status + " (" + detail + ")";
        return detail.isEmpty() ? kind.toString() : kind + ": " + detail;
    }
}
