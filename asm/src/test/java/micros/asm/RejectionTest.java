package micros.asm;

import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What cannot be encoded is refused with a message naming the instruction and its operands. */
class RejectionTest {
    static String error(int mode, Consumer<Assembler> emit) {
        Assembler a = new Assembler().bits(mode);
        return assertThrows(AsmException.class, () -> { emit.accept(a); a.finish(); }).getMessage();
    }

    @Test
    void sixtyFourBitImmediateToMemory() {
        assertEquals("mov qword ptr [rax], 0x123456789: 64-bit immediate 0x123456789 does not fit the sign-extended 32-bit field",
                error(64, a -> a.mov(qword(RAX), imm(0x1_2345_6789L))));
    }

    @Test
    void rspAsIndex() {
        assertEquals("mov rax, qword ptr [rbx + rsp*2]: rsp cannot be an index register",
                error(64, a -> a.mov(RAX, qword(RBX, RSP, 2, 0))));
    }

    @Test
    void operandSizesTheFormLacks() {
        assertEquals("push eax: 32-bit operands cannot be pushed or popped in 64-bit mode", error(64, a -> a.push(EAX)));
        assertEquals("movzx rax, ebx: source must be 8 or 16 bits", error(64, a -> a.movzx(RAX, EBX)));
        assertEquals("mov rax, ebx: operand sizes differ", error(64, a -> a.mov(RAX, EBX)));
        assertEquals("imul al, bl: imul has no 8-bit two-operand form", error(64, a -> a.imul(AL, BL)));
        assertEquals("mov dword ptr [eax], r8d: r8d needs 64-bit mode", error(32, a -> a.mov(dword(EAX), R8D)));
        assertEquals("add [rax], 1: operand size unknown: give the memory operand a size", error(64, a -> a.add(mem(RAX), imm(1))));
    }

    @Test
    void highByteRegisterWithRex() {
        assertEquals("mov ah, sil: ah/bh/ch/dh cannot be used in an instruction that needs a REX prefix", error(64, a -> a.mov(AH, SIL)));
    }

    @Test
    void displacementOutOfRange() {
        assertEquals("mov rax, qword ptr [rbx + 0x100000000]: displacement 0x100000000 does not fit in a signed 32-bit field",
                error(64, a -> a.mov(RAX, qword(RBX, 1L << 32))));
    }

    @Test
    void undefinedAndDuplicateLabels() {
        Assembler a = new Assembler();
        a.jmp("nowhere");
        AsmException e = assertThrows(AsmException.class, () -> new Linker().add(a.finish()).link());
        assertEquals("undefined symbol nowhere (referenced from .text+0x1)", e.getMessage());
        Assembler b = new Assembler().label("x");
        assertEquals("label x is defined twice", assertThrows(AsmException.class, () -> b.label("x")).getMessage());
    }

    @Test
    void immediateTooWideForTheOperand() {
        assertEquals("mov al, 0x100: immediate 0x100 does not fit in 8 bits", error(64, a -> a.mov(AL, imm(0x100))));
    }
}
