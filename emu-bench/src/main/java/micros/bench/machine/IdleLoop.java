package micros.bench.machine;

import micros.bench.disasm.Disassembler;

import java.util.List;
import java.util.Set;

/**
 * The two ways a CPU settles into waiting for an interrupt: {@code hlt} with IF set, and a block that jumps back
 * to its own start doing nothing on the way ({@code jmp $}, {@code 1: pause; jmp 1b}). When nothing could
 * interrupt either, the whole system has ended: the run stops instead of spending its budget on the loop.
 */
public enum IdleLoop {
    HALT_WITH_INTERRUPTS_ON("hlt with interrupts on"),
    JUMP_TO_ITSELF("a jump to itself");

    private final String text;

    IdleLoop(String text) { this.text = text; }

    @Override public String toString() { return text; }

    /** Instructions that change nothing a spin could wait on. */
    private static final Set<String> NOTHING = Set.of("nop", "pause");

    /** Whether the decoded block at {@code address} spins: only no-ops, then an unconditional jump to {@code address}. */
    static boolean spins(long address, List<Disassembler.Insn> block) {
        if (block.isEmpty()) return false;
        Disassembler.Insn last = block.getLast();
        if (!last.mnemonic().equals("jmp") || !last.operands().equals("0x" + Long.toHexString(address))) return false;
        for (Disassembler.Insn i : block.subList(0, block.size() - 1)) if (!NOTHING.contains(i.mnemonic())) return false;
        return true;
    }
}
