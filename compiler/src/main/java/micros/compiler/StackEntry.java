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

    record InSlot(char kind) implements StackEntry {}

    /** The result of the last instruction, still in rax: at most one, written to its slot before rax is reused. */
    record InRax(char kind) implements StackEntry {}

    /** An lcmp whose result is still only in the flags (of cmp rax, rcx): a following if branches on them. */
    record Compared(char kind) implements StackEntry {}

    record Constant(char kind, long value) implements StackEntry {}

    record Local(char kind, int index) implements StackEntry {}
}
