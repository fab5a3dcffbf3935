package micros.compiler;

import micros.asm.Assembler;
import micros.asm.Gpr;
import micros.asm.Mem;

import java.util.List;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;

/**
 * What a method's prologue sets up: the callee-saved registers its locals use, and a frame (rbp and
 * 8-byte slots for the locals without a register and the operand stack) only when some code uses a slot.
 * Known from a first translation of the method that only measures (see {@link Compiler}), so a method
 * whose values all live in registers pushes nothing but the registers it takes. {@code firstInRdi}: the
 * first parameter stays in rdi, which the measuring translation found no code writing but calls, around which
 * it is pushed like {@code aroundCalls}' other registers.
 */
record FrameLayout(boolean frame, List<Gpr> saved, boolean leaf, int slots, List<Gpr> aroundCalls, boolean firstInRdi) {
    /** The layout a measuring translation assumes: every slot addressable. */
    static FrameLayout probe(boolean leaf) { return new FrameLayout(true, List.of(), leaf, 0, List.of(), false); }

    /** Slot {@code index} (locals first, then the operand stack) below rbp and the saved registers. */
    Mem slot(int index) { return qword(RBP, -8L * (saved.size() + 1 + index)); }

    /** Without a frame, calls need rsp 16-aligned by the pushes alone: an even count needs 8 bytes more. */
    private boolean padded() { return !frame && !leaf && aroundCalls.isEmpty() && saved.size() % 2 == 0; }

    /** Where rsp is in the body, modulo 16 (it is 8 at the entry). */
    private int bodyOffset() { return frame ? 0 : (8 + 8 * saved.size() + (padded() ? 8 : 0)) % 16; }

    private boolean callPadded() { return (bodyOffset() + 8 * aroundCalls.size()) % 16 != 0; }

    /**
     * Before a call: the locals kept in registers that calls clobber ({@code aroundCalls}) pushed, and rsp
     * 16-aligned. A method with few locals and no call in a loop keeps them so: its paths without a call
     * then need no prologue at all.
     */
    void beforeCall(Assembler a) {
        for (Gpr r : aroundCalls) a.push(r);
        if (callPadded()) a.sub(RSP, imm(8));
    }

    void afterCall(Assembler a) {
        if (callPadded()) a.add(RSP, imm(8));
        for (int k = aroundCalls.size() - 1; k >= 0; k--) a.pop(aroundCalls.get(k));
    }

    void prologue(Assembler a) {
        if (frame) a.push(RBP).mov(RBP, RSP);
        for (Gpr r : saved) a.push(r);
        // After push rbp the stack is 16-aligned; the saved registers and slots together keep it so.
        if (frame) a.sub(RSP, imm((int) (((8L * (saved.size() + slots + 1) + 15) & ~15L) - 8L * saved.size())));
        else if (padded()) a.sub(RSP, imm(8));
    }

    void epilogue(Assembler a) {
        if (frame && saved.isEmpty()) a.mov(RSP, RBP);
        else if (frame) a.lea(RSP, qword(RBP, -8L * saved.size()));
        else if (padded()) a.add(RSP, imm(8));
        for (int k = saved.size() - 1; k >= 0; k--) a.pop(saved.get(k));
        if (frame) a.pop(RBP);
        a.ret();
    }
}
