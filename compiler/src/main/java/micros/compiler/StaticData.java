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

/** Static fields (RIP-relative in .data) and static arrays (length 8 bytes before element 0, index checked). */
final class StaticData {
    private final MethodCompiler m;
    private final Assembler a;
    private final OperandStack stack;

    StaticData(MethodCompiler m) {
        this.m = m;
        this.a = m.asm();
        this.stack = m.stack();
    }

    void field(FieldInstruction f) {
        switch (f.opcode()) {
            case GETFIELD, PUTFIELD -> throw m.reject("instance fields (" + f.opcode().name().toLowerCase() + " " + f.owner().asInternalName() + "." + f.name().stringValue() + ") are not kernel-Java");
            default -> { }
        }
        ClassDesc type = f.typeSymbol();
        String sym = m.compiler().staticField(f.owner().asInternalName(), f.name().stringValue(), type, m);
        boolean get = f.opcode() == Opcode.GETSTATIC;
        if (type.isArray()) {
            if (!get) throw m.reject("assigning a static array field at run time is not kernel-Java");
            a.mov(RAX, rip(sym, 64));
            stack.pushRax(REF);
            return;
        }
        TypeKind k = TypeKind.from(type);
        Mem at = rip(sym, 0);
        if (get) {
            switch (k) {
                case LONG -> { a.mov(RAX, at.withBits(64)); stack.pushRax(LONG); }
                case INT -> { a.mov(EAX, at.withBits(32)); stack.pushRax(INT); }
                case SHORT -> { a.movsx(EAX, at.withBits(16)); stack.pushRax(INT); }
                case CHAR -> { a.movzx(EAX, at.withBits(16)); stack.pushRax(INT); }
                case BYTE -> { a.movsx(EAX, at.withBits(8)); stack.pushRax(INT); }
                case BOOLEAN -> { a.movzx(EAX, at.withBits(8)); stack.pushRax(INT); }
                default -> throw m.reject("static field of type " + type.displayName() + " is not kernel-Java");
            }
        } else {
            switch (k) {
                case LONG -> { stack.load(RAX, 0); a.mov(at.withBits(64), RAX); }
                case INT -> { stack.load(RAX, 0); a.mov(at.withBits(32), EAX); }
                case SHORT, CHAR -> { stack.load(RAX, 0); a.mov(at.withBits(16), AX); }
                case BYTE, BOOLEAN -> { stack.load(RAX, 0); a.mov(at.withBits(8), AL); }
                default -> throw m.reject("static field of type " + type.displayName() + " is not kernel-Java");
            }
            stack.pop();
        }
    }

    /** rax = array, rcx = index, checked against the length stored 8 bytes before element 0. */
    void indexArray(int arrayDepthFromTop, int indexDepthFromTop) {
        stack.load(RAX, arrayDepthFromTop);
        stack.load(RCX, indexDepthFromTop);
        a.movsxd(RCX, ECX);
        a.cmp(RCX, qword(RAX, -8)).jcc(Cond.AE, m.compiler().indexOutOfBounds(m, m.body().symbol));
    }

    void arrayLoad(TypeKind k) {
        indexArray(1, 0);
        stack.pop();
        stack.pop();
        switch (k) {
            case LONG -> { a.mov(RAX, qword(RAX, RCX, 8, 0)); stack.pushRax(LONG); }
            case INT -> { a.mov(EAX, dword(RAX, RCX, 4, 0)); stack.pushRax(INT); }
            case SHORT -> { a.movsx(EAX, word(RAX, RCX, 2, 0)); stack.pushRax(INT); }
            case CHAR -> { a.movzx(EAX, word(RAX, RCX, 2, 0)); stack.pushRax(INT); }
            case BYTE, BOOLEAN -> { a.movsx(EAX, byte_(RAX, RCX, 1, 0)); stack.pushRax(INT); }
            default -> throw m.reject("arrays of " + k + " are not kernel-Java");
        }
    }

    void arrayStore(TypeKind k) {
        indexArray(2, 1);
        stack.load(RDX, 0);
        switch (k) {
            case LONG -> a.mov(qword(RAX, RCX, 8, 0), RDX);
            case INT -> a.mov(dword(RAX, RCX, 4, 0), EDX);
            case SHORT, CHAR -> a.mov(word(RAX, RCX, 2, 0), DX);
            case BYTE, BOOLEAN -> a.mov(byte_(RAX, RCX, 1, 0), DL);
            default -> throw m.reject("arrays of " + k + " are not kernel-Java");
        }
        stack.pop();
        stack.pop();
        stack.pop();
    }

}
