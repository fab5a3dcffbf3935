package micros.compiler;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.Section;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;

/**
 * The few routines compiled code calls: print a NUL-terminated string or a hex number on COM1, panic
 * (print and halt), halt. Polled 16550 at 0x3F8, as the boot path's UART code.
 */
final class RuntimeRoutines {
    static final String PUTS = "micros.runtime.puts", PUT_HEX = "micros.runtime.putHex",
            PANIC = "micros.runtime.panic", HALT = "micros.runtime.halt";
    private static final int COM1 = 0x3F8;

    private RuntimeRoutines() {}

    /** {@code stop}: the symbol of the method halt and panic call first (see {@link Compiler#compile(ClassSource, java.util.List, MethodRef)}), or null. */
    static void emit(Assembler a, String stop) {
        a.section(Section.TEXT).bits(64).align(16);
        // putc: al -> COM1 once the transmitter is empty; clobbers edx.
        a.label("micros.runtime.putc").push(RAX);
        a.label("micros.runtime.putc.wait").mov(DX, imm(COM1 + 5)).in(AL, DX).test(AL, imm(0x20)).jcc(Cond.E, "micros.runtime.putc.wait");
        a.pop(RAX).mov(DX, imm(COM1)).out(DX, AL).ret();

        a.global(PUTS).label(PUTS);
        a.label("micros.runtime.puts.next").mov(AL, byte_(RDI)).test(AL, AL).jcc(Cond.E, "micros.runtime.puts.done");
        a.call("micros.runtime.putc").inc(RDI).jmp("micros.runtime.puts.next");
        a.label("micros.runtime.puts.done").ret();

        a.global(PUT_HEX).label(PUT_HEX);
        a.mov(AL, imm('0')).call("micros.runtime.putc").mov(AL, imm('x')).call("micros.runtime.putc");
        a.mov(ECX, imm(16));
        a.label("micros.runtime.putHex.digit").rol(RDI, imm(4)).mov(EAX, EDI).and(EAX, imm(15));
        a.cmp(EAX, imm(10)).jcc(Cond.B, "micros.runtime.putHex.decimal").add(EAX, imm('a' - 10 - '0'));
        a.label("micros.runtime.putHex.decimal").add(EAX, imm('0')).call("micros.runtime.putc");
        a.dec(ECX).jcc(Cond.NE, "micros.runtime.putHex.digit").ret();

        a.global(PANIC).label(PANIC).push(RDI);
        a.lea(RDI, rip("micros.runtime.panicPrefix")).call(PUTS);
        a.pop(RDI).call(PUTS);
        a.lea(RDI, rip("micros.runtime.newline")).call(PUTS);
        if (stop == null) {
            a.global(HALT).label(HALT).cli().hlt().jmp(HALT);
        } else {
            a.mov(EDI, imm(Compiler.PANIC)).jmp("micros.runtime.stop");
            a.global(HALT).label(HALT).mov(EDI, imm(Compiler.HALT));
            // Interrupts off first: the stop method runs once, whatever state the halting code was in.
            a.label("micros.runtime.stop").cli().call(stop);
            a.label("micros.runtime.halted").cli().hlt().jmp("micros.runtime.halted");
        }

        a.section(Section.RODATA).label("micros.runtime.panicPrefix").asciz("panic: ").label("micros.runtime.newline").asciz("\n");
        a.section(Section.TEXT);
    }
}
