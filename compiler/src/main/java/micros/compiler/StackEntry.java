package micros.compiler;

/**
 * Where an operand-stack entry's value is. Loads of locals and constants are not copied anywhere when
 * pushed: the entry remembers them and the instruction that consumes it reads the local or uses the
 * immediate. An entry is written to its frame slot only when it must outlive that (branches, labels,
 * a store to the local it names).
 */
sealed interface StackEntry {
    /** int-like, long, array reference or string-literal address. */
    char kind();

    /** The local whose value this entry reads (and goes stale when it changes), or -1. */
    default int local() { return -1; }

    record InSlot(char kind) implements StackEntry {}

    /** The result of the last instruction, still in rax: at most one, written to its slot before rax is reused. */
    record InRax(char kind) implements StackEntry {}

    /**
     * An lcmp or {@code Long.compareUnsigned} whose result is still only in the flags (of its cmp): a
     * following if branches on them, with unsigned conditions for compareUnsigned.
     */
    record Compared(char kind, boolean unsigned) implements StackEntry {}

    record Constant(char kind, long value) implements StackEntry {}

    record Local(char kind, int index) implements StackEntry {
        @Override public int local() { return index; }
    }

    /** A long local plus a constant, not added yet: an address a memory operand absorbs as {@code [reg + disp]}. */
    record Offset(char kind, int index, int disp) implements StackEntry {
        @Override public int local() { return index; }
    }

    /**
     * A {@code Memory.read} of {@code width} bits at {@code at} not emitted yet: the next instruction loads it
     * straight into a local's register or compares it in memory; any other settles it into rax first, so
     * nothing can run between the read and its place in the program.
     */
    record Read(char kind, micros.asm.Mem at, int width) implements StackEntry {}
}
