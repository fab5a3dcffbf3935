package micros.compare;

/** How a run of a kernel ended, in terms both machines can report; the detail says more but is not compared. */
public record Ending(Kind kind, String detail) {
    public enum Kind {
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

    @Override public String toString() { return detail.isEmpty() ? kind.toString() : kind + ": " + detail; }
}
