package micros.compiler;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.Gpr;
import micros.asm.Mem;

import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.*;
import java.lang.constant.ClassDesc;
import java.util.List;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;
import static micros.compiler.MethodCompiler.INT;
import static micros.compiler.MethodCompiler.LONG;
import static micros.compiler.MethodCompiler.REF;

/**
 * Conditional branches, goto and switches. A branch target finds the operand stack in its slots (the top
 * in rax at a {@link Body#raxTargets} one); compares use operands where they are: a local's register, an
 * immediate, a pending read in memory, the flags of a fused lcmp.
 */
final class Branches {
    private final MethodCompiler m;
    private final Assembler a;

    Branches(MethodCompiler m) {
        this.m = m;
        this.a = m.asm();
    }

    void branch(BranchInstruction b) {
        String target = m.label(b.target());
        Opcode o = b.opcode();
        switch (o) {
            case GOTO, GOTO_W -> { m.leaveStackFor(m.body().raxTargets.contains(b.target())); a.jmp(target); m.resetStack(null); return; }
            case IFNULL, IFNONNULL -> throw m.reject("null references are not kernel-Java");
            case IF_ACMPEQ, IF_ACMPNE -> throw m.reject("reference comparison is not kernel-Java");
            default -> { }
        }
        Cond c;
        if (m.stack().getLast() instanceof StackEntry.Compared) {
            // lcmp; if<cond>: the flags of its cmp already say it (materializing uses only mov and lea).
            m.pop();
            m.materializeBelow(0);
            c = cond(o.bytecode() - Opcode.IFEQ.bytecode());
        } else if (o.bytecode() >= Opcode.IFEQ.bytecode() && o.bytecode() <= Opcode.IFLE.bytecode()) {
            m.materializeBelow(1);
            if (m.stack().getLast() instanceof StackEntry.Read r) a.cmp(r.at().withBits(r.width()), imm(0));
            else {
                Gpr x = m.registerHolding(m.stack().size() - 1);
                if (x == null) { m.load(RAX, 0); x = EAX; }
                a.test(x, x);
            }
            m.pop();
            c = cond(o.bytecode() - Opcode.IFEQ.bytecode());
        } else {
            m.materializeBelow(2);
            StackEntry left = m.stack().get(m.stack().size() - 2);
            if (left instanceof StackEntry.Read r) a.cmp(r.at().withBits(32), imm((int) ((StackEntry.Constant) m.stack().getLast()).value()));
            else {
                Gpr x = m.registerHolding(m.stack().size() - 2);
                if (x == null) { m.load(RAX, 1); x = EAX; }
                StackEntry right = m.stack().getLast(); // after the load, which may have moved an entry in rax to its slot
                if (right instanceof StackEntry.Constant k) a.cmp(x, imm((int) k.value()));
                else if (right instanceof StackEntry.Local l) a.cmp(x, m.local32(l.index()));
                else if (right instanceof StackEntry.InRax) a.cmp(x, EAX);
                else a.cmp(x, MethodCompiler.d(m.top(0)));
            }
            m.pop();
            m.pop();
            c = cond(o.bytecode() - Opcode.IF_ICMPEQ.bytecode());
        }
        a.jcc(c, target);
    }

    static Cond cond(int i) { return new Cond[] {Cond.E, Cond.NE, Cond.L, Cond.GE, Cond.G, Cond.LE}[i]; }

    /** Both switch forms as a chain of compares: correct for any keys, and javac's switches are short. */
    void switchChain(List<SwitchCase> cases, Label otherwise) {
        m.load(EAX, 0);
        m.pop();
        m.materializeBelow(0);
        for (SwitchCase c : cases) a.cmp(EAX, imm(c.caseValue())).jcc(Cond.E, m.label(c.target()));
        a.jmp(m.label(otherwise));
        m.resetStack(null);
    }
}
