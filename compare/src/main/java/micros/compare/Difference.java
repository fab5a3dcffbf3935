package micros.compare;

/** One way the bench's run and QEMU's differ. */
public sealed interface Difference {
    /** Whether it counts against the bench: everything but what a known QEMU deviation explains. */
    default boolean countsAgainstBench() { return true; }

    /** COM1 lines that differ, not explained. */
    record Lines(LineDiff.Hunk hunk) implements Difference {}

    /** A bench line and a QEMU line that differ as a known QEMU deviation makes them: the bench follows the SDM. */
    record Explained(LineDiff.Hunk hunk, QemuDeviation deviation) implements Difference {
        @Override public boolean countsAgainstBench() { return false; }
    }

    /** The runs ended differently. */
    record Endings(Ending bench, Ending qemu) implements Difference {}
}
