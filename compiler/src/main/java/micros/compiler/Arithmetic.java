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
 * Operators and conversions on the operand stack: results in rax, or folded into a lazy entry when a
 * constant allows (x + 0 is x, a long local plus a constant an {@link StackEntry.Offset}), or computed in
 * a local's register when the next instruction stores them back there.
 */
final class Arithmetic {
    private final MethodCompiler m;
    private final Assembler a;
    private final OperandStack stack;

    Arithmetic(MethodCompiler m) {
        this.m = m;
        this.a = m.asm();
        this.stack = m.stack();
    }

    /** Compares the two longs on top of the stack (lcmp, or {@code Long.compareUnsigned}); the result stays in the flags. */
    void compare(boolean unsigned) {
        StackEntry left = stack.get(stack.size() - 2), right = stack.last();
        boolean small = right instanceof StackEntry.Constant c && c.value() == (int) c.value();
        if (left instanceof StackEntry.Read r) a.cmp(r.at().withBits(64), imm(((StackEntry.Constant) right).value()));
        else {
            Gpr x = stack.registerHolding(stack.size() - 2);
            if (x == null) { stack.load(RAX, 1); x = RAX; }
            Gpr y = stack.registerHolding(stack.size() - 1);
            if (small && ((StackEntry.Constant) right).value() == 0) a.test(x, x); // the same flags, a byte shorter
            else if (small) a.cmp(x, imm(((StackEntry.Constant) right).value()));
            else if (y != null) a.cmp(x, y);
            else { stack.load(RCX, 0); a.cmp(x, RCX); }
        }
        stack.pop();
        stack.pop();
        stack.push(new StackEntry.Compared(INT, unsigned));
    }

    void operator(OperatorInstruction op) {
        TypeKind k = op.typeKind();
        if (k == TypeKind.FLOAT || k == TypeKind.DOUBLE) throw m.reject("floating point (" + op.opcode().name().toLowerCase() + ") is not kernel-Java");
        Opcode o = op.opcode();
        if (o == Opcode.ARRAYLENGTH) {
            stack.load(RAX, 0);
            stack.pop();
            a.mov(RAX, qword(RAX, -8));
            stack.pushRax(INT);
            return;
        }
        if (o == Opcode.LCMP) {
            compare(false);
            return;
        }
        boolean wide = k == TypeKind.LONG;
        Gpr x = wide ? RAX : EAX, y = wide ? RCX : ECX;
        if ((o == Opcode.INEG || o == Opcode.LNEG) && stack.last() instanceof StackEntry.Constant c) {
            stack.pop();
            stack.push(new StackEntry.Constant(wide ? LONG : INT, wide ? -c.value() : -(int) c.value()));
            return;
        }
        if (o == Opcode.INEG || o == Opcode.LNEG) {
            stack.load(RAX, 0);
            stack.pop();
            a.neg(x);
            stack.pushRax(wide ? LONG : INT);
            return;
        }
        StackEntry left = stack.get(stack.size() - 2), right = stack.last();
        if (left instanceof StackEntry.Constant l && right instanceof StackEntry.Constant r && foldsConstants(o, l.value(), r.value())) return;
        if (right instanceof StackEntry.Constant c && c.value() == (int) c.value() && folds(o, left, c.value())) return;
        if ((o == Opcode.IADD || o == Opcode.LADD) && sumInto(wide)) return;
        boolean simple = switch (o) { case IADD, LADD, ISUB, LSUB, IMUL, LMUL, IAND, LAND, IOR, LOR, IXOR, LXOR -> true; default -> false; };
        boolean immediate = simple && o != Opcode.IMUL && o != Opcode.LMUL && right instanceof StackEntry.Constant c && c.value() == (int) c.value();
        // x = x op y with x in a register: computed there, the store that follows then has nothing to do.
        Gpr target = simple && updatesInPlace(left) ? m.registers().of(left.local()).withBits(wide ? 64 : 32) : null;
        if (target == null) stack.load(RAX, 1);
        Gpr into = target != null ? target : x;
        if (immediate) {
            long v = ((StackEntry.Constant) right).value();
            boolean identity = v == 0 && o != Opcode.IAND && o != Opcode.LAND;
            if (!identity) switch (o) {
                case IADD, LADD -> a.add(into, imm(v));
                case ISUB, LSUB -> a.sub(into, imm(v));
                case IAND, LAND -> a.and(into, imm(v));
                case IOR, LOR -> a.or(into, imm(v));
                default -> a.xor(into, imm(v));
            }
        } else if (simple) {
            Gpr r = stack.registerHolding(stack.size() - 1); // after the load, which may have moved an entry in rax to its slot
            if (r == null) { stack.load(RCX, 0); r = y; }
            switch (o) {
                case IADD, LADD -> a.add(into, r);
                case ISUB, LSUB -> a.sub(into, r);
                case IMUL, LMUL -> a.imul(into, r);
                case IAND, LAND -> a.and(into, r);
                case IOR, LOR -> a.or(into, r);
                default -> a.xor(into, r);
            }
        }
        if (immediate || simple) {
            stack.pop();
            stack.pop();
            if (target != null) stack.push(new StackEntry.Local(wide ? LONG : INT, left.local()));
            else stack.pushRax(wide ? LONG : INT);
            return;
        }
        stack.load(RCX, 0);
        switch (o) {
            case IADD, LADD -> a.add(x, y);
            case ISUB, LSUB -> a.sub(x, y);
            case IMUL, LMUL -> a.imul(x, y);
            case IAND, LAND -> a.and(x, y);
            case IOR, LOR -> a.or(x, y);
            case IXOR, LXOR -> a.xor(x, y);
            case ISHL, LSHL -> a.shl(x, CL);
            case ISHR, LSHR -> a.sar(x, CL);
            case IUSHR, LUSHR -> a.shr(x, CL);
            case IDIV, LDIV -> divide(wide, false);
            case IREM, LREM -> divide(wide, true);
            default -> throw m.reject("bytecode " + o.name().toLowerCase() + " is not kernel-Java");
        }
        stack.pop();
        stack.pop();
        stack.pushRax(wide ? LONG : INT);
    }

    /** Whether an operation on {@code left} (second from the top) can update its local in place: see {@link #m.nextStore()}. */
    boolean updatesInPlace(StackEntry left) {
        if (!(left instanceof StackEntry.Local l) || l.index() != m.nextStore() || m.registers().of(l.index()) == null) return false;
        for (int k = 0; k < stack.size() - 2; k++) if (stack.get(k).local() == l.index()) return false;
        return true;
    }

    /**
     * Two constants (an inlined helper's constant arguments, as in {@code alignUp(x, SIZE_4K)}'s {@code -size}):
     * the result is a constant, computed with Java's semantics (ints wrap at 32 bits, shift counts masked).
     * Division is left to run time, where a zero divisor panics.
     */
    private boolean foldsConstants(Opcode o, long x, long y) {
        int i = (int) x, j = (int) y;
        Long r = switch (o) {
            case IADD -> (long) (i + j);
            case ISUB -> (long) (i - j);
            case IMUL -> (long) (i * j);
            case IAND -> (long) (i & j);
            case IOR -> (long) (i | j);
            case IXOR -> (long) (i ^ j);
            case ISHL -> (long) (i << j);
            case ISHR -> (long) (i >> j);
            case IUSHR -> (long) (i >>> j);
            case LADD -> x + y;
            case LSUB -> x - y;
            case LMUL -> x * y;
            case LAND -> x & y;
            case LOR -> x | y;
            case LXOR -> x ^ y;
            case LSHL -> x << j;
            case LSHR -> x >> j;
            case LUSHR -> x >>> j;
            default -> null;
        };
        if (r == null) return false;
        char kind = stack.kindAt(1); // a shift's result has its left operand's kind
        stack.pop();
        stack.pop();
        stack.push(new StackEntry.Constant(kind, r));
        return true;
    }

    /**
     * {@code x = y + z} with y and z in registers and x a register local other than y: one {@code lea} into
     * x's register (the store that follows then has nothing to do) instead of the sum through rax and a move.
     * {@code x = x + z} stays an {@code add} in place ({@link #updatesInPlace}); an entry below the operands
     * naming x keeps x's old value, so x is not written early then.
     */
    private boolean sumInto(boolean wide) {
        int x = m.nextStore();
        Gpr target = x >= 0 ? m.registers().of(x) : null;
        Gpr y = stack.registerHolding(stack.size() - 2), z = stack.registerHolding(stack.size() - 1);
        if (target == null || y == null || z == null || updatesInPlace(stack.get(stack.size() - 2))) return false;
        for (int k = 0; k < stack.size() - 2; k++) if (stack.get(k).local() == x) return false;
        // The low 32 bits of a 64-bit sum are the int sum: an int lea adds the full registers and keeps 32 bits.
        a.lea(target.withBits(wide ? 64 : 32), mem(y.withBits(64), z.withBits(64), 1, 0));
        stack.pop();
        stack.pop();
        stack.push(new StackEntry.Local(wide ? LONG : INT, x));
        return true;
    }

    /**
     * {@code left op constant} without code when it can stay lazy: x + 0 and the like are x; a long local plus
     * a constant is an {@link StackEntry.Offset} that a memory operand or a lea absorbs.
     */
    boolean folds(Opcode o, StackEntry left, long v) {
        boolean lazy = left instanceof StackEntry.Local || left instanceof StackEntry.Constant || left instanceof StackEntry.Offset;
        boolean identity = v == 0 && switch (o) { case IADD, LADD, ISUB, LSUB, IOR, LOR, IXOR, LXOR -> true; default -> false; };
        if (identity && lazy) { stack.pop(); return true; }
        if (left.kind() != LONG || !(o == Opcode.LADD || o == Opcode.LSUB && v != Integer.MIN_VALUE)) return false;
        long sum = (o == Opcode.LADD ? v : -v) + (left instanceof StackEntry.Offset f ? f.disp() : 0);
        if (left.local() < 0 || sum != (int) sum) return false;
        stack.pop();
        stack.pop();
        stack.push(sum == 0 ? new StackEntry.Local(LONG, left.local()) : new StackEntry.Offset(LONG, left.local(), (int) sum));
        return true;
    }

    /** Java division: x / 0 panics; MIN / -1 is MIN (and % is 0), where the CPU's idiv would trap. */
    void divide(boolean wide, boolean remainder) {
        Gpr x = wide ? RAX : EAX, y = wide ? RCX : ECX;
        String normal = m.newLabel(), done = m.newLabel();
        a.test(y, y).jcc(Cond.E, m.compiler().divisionByZero(m, m.body().symbol));
        a.cmp(y, imm(-1)).jcc(Cond.NE, normal);
        if (remainder) a.xor(EAX, EAX); else a.neg(x);
        a.jmp(done);
        a.label(normal);
        if (wide) a.cqo(); else a.cdq();
        a.idiv(y);
        if (remainder) a.mov(x, wide ? RDX : EDX);
        a.label(done);
    }

    void convert(ConvertInstruction cv) {
        stack.load(RAX, 0);
        stack.pop();
        switch (cv.opcode()) {
            case I2L -> { a.movsxd(RAX, EAX); stack.pushRax(LONG); }
            case L2I -> stack.pushRax(INT);
            case I2B -> { a.movsx(EAX, AL); stack.pushRax(INT); }
            case I2C -> { a.movzx(EAX, AX); stack.pushRax(INT); }
            case I2S -> { a.movsx(EAX, AX); stack.pushRax(INT); }
            default -> throw m.reject("floating point (" + cv.opcode().name().toLowerCase() + ") is not kernel-Java");
        }
    }

}
