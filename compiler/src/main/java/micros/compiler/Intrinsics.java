package micros.compiler;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.CtlReg;
import micros.asm.Gpr;
import micros.asm.Mem;

import java.util.List;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;

/**
 * Calls compiled to instructions instead of calls: the {@code micros.magic} intrinsics and the
 * {@code Integer}/{@code Long} helpers kernels use. Arguments are in stack slots {@code base..}.
 */
final class Intrinsics {
    private Intrinsics() {}

    /** Whether calls into {@code owner} compile to instructions (they never touch r8-r11, rbx, r12-r15; rsi only saved). */
    static boolean isIntrinsic(String owner) {
        return owner.startsWith("micros/magic/") || owner.equals("java/lang/Integer") || owner.equals("java/lang/Long");
    }

    /** Emits {@code callee} inline; false when it is not an intrinsic. */
    static boolean lower(MethodCompiler m, MethodRef callee, int base, List<Character> kinds) {
        String owner = callee.owner();
        OperandStack stack = m.stack();
        if (owner.equals("micros/magic/Memory") && callee.name().matches("read(8|16|32|64)")) {
            // Left pending: the next instruction may take it straight into a register or a compare.
            int width = Integer.parseInt(callee.name().substring(4));
            micros.asm.Mem at = stack.address(base);
            stack.removeLast();
            stack.push(new StackEntry.Read(width == 64 ? MethodCompiler.LONG : MethodCompiler.INT, at, width));
            return true;
        }
        if (owner.equals("java/lang/Long") && callee.name().equals("compareUnsigned")) {
            // Left in the flags, as lcmp's result: an if on it is one cmp and an unsigned jcc.
            m.arithmetic().compare(true);
            return true;
        }
        boolean handled = switch (owner) {
            case "micros/magic/Memory" -> memory(m, callee.name(), base);
            case "micros/magic/Cpu" -> cpu(m, callee.name(), base);
            case "micros/magic/Port" -> port(m, callee.name(), base);
            case "micros/magic/Kernel" -> kernel(m, callee.name(), base, kinds);
            case "micros/magic/SystemCall" -> systemCall(m, callee.name(), base);
            case "java/lang/Integer" -> bits(m, callee.name(), base, false);
            case "java/lang/Long" -> bits(m, callee.name(), base, true);
            default -> false;
        };
        if (!handled && owner.startsWith("micros/magic/"))
            throw m.reject("unknown intrinsic " + callee.display());
        if (!handled) return false;
        for (int k = 0; k < kinds.size(); k++) stack.removeLast();
        m.pushResult(callee.type().returnType());
        return true;
    }

    private static boolean memory(MethodCompiler m, String name, int base) {
        Assembler a = m.asm();
        OperandStack stack = m.stack();
        if (name.matches("write(8|16|32|64)")) {
            // [local's register + offset] when the address is one, else [rdi]; the value from where it is.
            int width = Integer.parseInt(name.substring(5));
            Mem at = stack.address(base).withBits(width);
            StackEntry value = stack.get(base + 1);
            if (width >= 32 && value instanceof StackEntry.Constant c && c.value() == (int) c.value()) {
                a.mov(at, imm(width == 32 ? (int) c.value() : c.value()));
                return true;
            }
            Gpr v = stack.registerHolding(base + 1);
            if (v == null) { stack.loadDepth(RDX, base + 1); v = RDX; }
            a.mov(at, v.withBits(width));
            return true;
        }
        stack.loadDepth(RDI, base);
        switch (name) {
            case "fill" -> {
                // Eight bytes a store, the rest one at a time: rep counts its iterations, and a byte a store
                // made a 4 KiB table 4096 of them. rax = the byte in all eight lanes; rcx saved for the rest.
                stack.loadDepth(RAX, base + 1);
                stack.loadDepth(RCX, base + 2);
                a.push(RCX);
                a.movzx(EAX, AL).imul(EAX, EAX, imm(0x0101_0101)).mov(ECX, EAX).shl(RCX, imm(32)).or(RAX, RCX);
                a.mov(RCX, mem(RSP)).shr(RCX, imm(3)).rep().stosq();
                a.pop(RCX).and(ECX, imm(7)).rep().stosb();
            }
            case "copy" -> {
                // memmove: copy backwards when the destination overlaps the source from above.
                // rsi may hold a local of an inlined body: saved, and read (for the length) before it is loaded.
                String forward = m.newLabel(), done = m.newLabel();
                a.push(RSI);
                stack.loadDepth(RCX, base + 2);
                stack.loadDepth(RSI, base + 1);
                a.mov(RAX, RDI).sub(RAX, RSI).cmp(RAX, RCX).jcc(Cond.AE, forward);
                String loop = m.newLabel();
                a.label(loop).test(RCX, RCX).jcc(Cond.E, done).dec(RCX).mov(AL, byte_(RSI, RCX, 1, 0)).mov(byte_(RDI, RCX, 1, 0), AL).jmp(loop);
                // Forward: eight bytes a move, then the rest (rep counts its iterations; a qword moved forward
                // reads its source before a later move can write it, so d below s is as safe as bytes).
                a.label(forward).push(RCX).shr(RCX, imm(3)).rep().movsq();
                a.pop(RCX).and(ECX, imm(7)).rep().movsb();
                a.label(done).pop(RSI);
            }
            default -> { return false; }
        }
        return true;
    }

    private static boolean cpu(MethodCompiler m, String name, int base) {
        Assembler a = m.asm();
        OperandStack stack = m.stack();
        switch (name) {
            case "readCr0" -> a.mov(RAX, CtlReg.CR0);
            case "readCr2" -> a.mov(RAX, CtlReg.CR2);
            case "readCr3" -> a.mov(RAX, CtlReg.CR3);
            case "readCr4" -> a.mov(RAX, CtlReg.CR4);
            case "writeCr0" -> { stack.loadDepth(RAX, base); a.mov(CtlReg.CR0, RAX); }
            case "writeCr3" -> { stack.loadDepth(RAX, base); a.mov(CtlReg.CR3, RAX); }
            case "writeCr4" -> { stack.loadDepth(RAX, base); a.mov(CtlReg.CR4, RAX); }
            case "rdmsr" -> { stack.loadDepth(RCX, base); a.rdmsr().shl(RDX, imm(32)).or(RAX, RDX); }
            case "wrmsr" -> { stack.loadDepth(RCX, base); stack.loadDepth(RAX, base + 1); a.mov(RDX, RAX).shr(RDX, imm(32)).wrmsr(); }
            case "cpuidEax", "cpuidEbx", "cpuidEcx", "cpuidEdx" -> {
                a.push(RBX).push(RBX); // cpuid clobbers rbx, which the caller owns; two pushes keep rsp aligned
                stack.loadDepth(RAX, base);
                stack.loadDepth(RCX, base + 1);
                a.cpuid();
                switch (name) {
                    case "cpuidEbx" -> a.mov(EAX, EBX);
                    case "cpuidEcx" -> a.mov(EAX, ECX);
                    case "cpuidEdx" -> a.mov(EAX, EDX);
                    default -> { }
                }
                a.pop(RBX).pop(RBX);
            }
            case "invlpg" -> { stack.loadDepth(RAX, base); a.invlpg(mem(RAX)); }
            case "lgdt" -> { stack.loadDepth(RAX, base); a.lgdt(mem(RAX)); }
            case "lidt" -> { stack.loadDepth(RAX, base); a.lidt(mem(RAX)); }
            case "ltr" -> { stack.loadDepth(RAX, base); a.ltr(AX); }
            case "cli" -> a.cli();
            case "sti" -> a.sti();
            case "hlt" -> a.hlt();
            case "pause" -> a.pause();
            case "rdtsc" -> a.rdtsc().shl(RDX, imm(32)).or(RAX, RDX);
            default -> { return false; }
        }
        return true;
    }

    private static boolean port(MethodCompiler m, String name, int base) {
        Assembler a = m.asm();
        OperandStack stack = m.stack();
        stack.loadDepth(RDX, base);
        switch (name) {
            case "in8" -> a.in(AL, DX).movzx(EAX, AL);
            case "in16" -> a.in(AX, DX).movzx(EAX, AX);
            case "in32" -> a.in(EAX, DX);
            case "out8" -> { stack.loadDepth(RAX, base + 1); a.out(DX, AL); }
            case "out16" -> { stack.loadDepth(RAX, base + 1); a.out(DX, AX); }
            case "out32" -> { stack.loadDepth(RAX, base + 1); a.out(DX, EAX); }
            default -> { return false; }
        }
        return true;
    }

    private static boolean kernel(MethodCompiler m, String name, int base, List<Character> kinds) {
        Assembler a = m.asm();
        OperandStack stack = m.stack();
        switch (name) {
            case "log", "panic" -> {
                if (kinds.getFirst() != MethodCompiler.STRING) throw m.reject("Kernel." + name + " takes a string literal");
                stack.loadDepth(RDI, base);
                a.call(name.equals("log") ? RuntimeRoutines.PUTS : RuntimeRoutines.PANIC);
            }
            case "logHex" -> { stack.loadDepth(RDI, base); a.call(RuntimeRoutines.PUT_HEX); }
            case "logDecimal" -> { stack.loadDepth(RDI, base); a.call(RuntimeRoutines.PUT_DECIMAL); }
            case "logBytes" -> { stack.loadDepth(RDI, base); stack.loadDepth(RCX, base + 1); a.call(RuntimeRoutines.PUT_BYTES); }
            case "halt" -> a.jmp(RuntimeRoutines.HALT);
            default -> { return false; }
        }
        return true;
    }

    /** {@code SystemCall.call(n)}: rax = n, then the gate; the kernel's trap frame keeps every other register. */
    private static boolean systemCall(MethodCompiler m, String name, int base) {
        if (!name.equals("call")) return false;
        m.stack().loadDepth(RAX, base);
        m.asm().int_(micros.magic.SystemCall.VECTOR);
        return true;
    }

    /** Integer/Long helpers; {@code wide} selects the 64-bit forms. */
    private static boolean bits(MethodCompiler m, String name, int base, boolean wide) {
        Assembler a = m.asm();
        OperandStack stack = m.stack();
        Gpr x = wide ? RAX : EAX, y = wide ? RCX : ECX;
        int width = wide ? 64 : 32;
        stack.loadDepth(RAX, base);
        if (stack.size() > base + 1) stack.loadDepth(RCX, base + 1);
        switch (name) {
            case "compare" -> {
                a.cmp(x, y).setcc(Cond.G, AL).setcc(Cond.L, CL).sub(AL, CL).movsx(EAX, AL);
            }
            case "compareUnsigned" -> {
                a.cmp(x, y).setcc(Cond.A, AL).setcc(Cond.B, CL).sub(AL, CL).movsx(EAX, AL);
            }
            case "divideUnsigned", "remainderUnsigned" -> {
                a.test(y, y).jcc(Cond.E, m.divisionByZeroLabel());
                a.xor(EDX, EDX).div(y);
                if (name.startsWith("remainder")) a.mov(x, wide ? RDX : EDX);
            }
            case "numberOfLeadingZeros" -> {
                String zero = m.newLabel();
                a.mov(ECX, imm(width)).test(x, x).jcc(Cond.E, zero).bsr(y, x).xor(ECX, imm(width - 1));
                a.label(zero).mov(EAX, ECX);
            }
            case "numberOfTrailingZeros" -> {
                String zero = m.newLabel();
                a.mov(ECX, imm(width)).test(x, x).jcc(Cond.E, zero).bsf(y, x);
                a.label(zero).mov(EAX, ECX);
            }
            case "bitCount" -> {
                // Clear the lowest set bit until none is left: one turn per set bit.
                String loop = m.newLabel(), done = m.newLabel();
                a.xor(ECX, ECX);
                a.label(loop).test(x, x).jcc(Cond.E, done).lea(wide ? RDX : EDX, mem(RAX, -1)).and(x, wide ? RDX : EDX).inc(ECX).jmp(loop);
                a.label(done).mov(EAX, ECX);
            }
            case "rotateLeft", "rotateRight" -> {
                if (name.equals("rotateLeft")) a.rol(x, CL); else a.ror(x, CL);
            }
            case "highestOneBit" -> {
                String zero = m.newLabel();
                a.test(x, x).jcc(Cond.E, zero).bsr(y, x).mov(x, imm(1)).shl(x, CL);
                a.label(zero);
            }
            case "lowestOneBit" -> a.mov(y, x).neg(y).and(x, y);
            default -> { return false; }
        }
        return true;
    }
}
