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
    private final OperandStack stack;

    Branches(MethodCompiler m) {
        this.m = m;
        this.a = m.asm();
        this.stack = m.stack();
    }

    void branch(BranchInstruction b) {
        String target = m.label(b.target());
        Opcode o = b.opcode();
        switch (o) {
            case GOTO, GOTO_W -> { stack.leaveFor(m.body().raxTargets.contains(b.target())); a.jmp(target); stack.reset(null); return; }
            case IFNULL, IFNONNULL -> throw m.reject("null references are not kernel-Java");
            case IF_ACMPEQ, IF_ACMPNE -> throw m.reject("reference comparison is not kernel-Java");
            default -> { }
        }
        Cond c;
        if (stack.last() instanceof StackEntry.Compared compared) {
            // lcmp; if<cond>: the flags of its cmp already say it (materializing uses only mov and lea).
            stack.pop();
            stack.materializeBelow(0);
            c = compared.unsigned() ? unsignedCond(o.bytecode() - Opcode.IFEQ.bytecode()) : cond(o.bytecode() - Opcode.IFEQ.bytecode());
        } else if (o.bytecode() >= Opcode.IFEQ.bytecode() && o.bytecode() <= Opcode.IFLE.bytecode()) {
            stack.materializeBelow(1);
            if (stack.last() instanceof StackEntry.Read r) a.cmp(r.at().withBits(r.width()), imm(0));
            else {
                Gpr x = stack.registerHolding(stack.size() - 1);
                if (x == null) { stack.load(RAX, 0); x = EAX; }
                a.test(x, x);
            }
            stack.pop();
            c = cond(o.bytecode() - Opcode.IFEQ.bytecode());
        } else {
            stack.materializeBelow(2);
            StackEntry left = stack.get(stack.size() - 2);
            if (left instanceof StackEntry.Read r) a.cmp(r.at().withBits(32), imm((int) ((StackEntry.Constant) stack.last()).value()));
            else {
                Gpr x = stack.registerHolding(stack.size() - 2);
                if (x == null) { stack.load(RAX, 1); x = EAX; }
                StackEntry right = stack.last(); // after the load, which may have moved an entry in rax to its slot
                if (right instanceof StackEntry.Constant k) a.cmp(x, imm((int) k.value()));
                else if (right instanceof StackEntry.Local l) a.cmp(x, m.local32(l.index()));
                else if (right instanceof StackEntry.InRax) a.cmp(x, EAX);
                else a.cmp(x, stack.topSlot(0).withBits(32));
            }
            stack.pop();
            stack.pop();
            c = cond(o.bytecode() - Opcode.IF_ICMPEQ.bytecode());
        }
        a.jcc(c, m.branchTarget(b.target()));
    }

    static Cond cond(int i) { return new Cond[] {Cond.E, Cond.NE, Cond.L, Cond.GE, Cond.G, Cond.LE}[i]; }

    static Cond unsignedCond(int i) { return new Cond[] {Cond.E, Cond.NE, Cond.B, Cond.AE, Cond.A, Cond.BE}[i]; }

    /** Both switch forms as a chain of compares: correct for any keys, and javac's switches are short. */
    void switchChain(List<SwitchCase> cases, Label otherwise) {
        stack.load(EAX, 0);
        stack.pop();
        stack.materializeBelow(0);
        for (SwitchCase c : cases) a.cmp(EAX, imm(c.caseValue())).jcc(Cond.E, m.label(c.target()));
        a.jmp(m.label(otherwise));
        stack.reset(null);
    }
}
