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
    private static final int COM1 = 0x3F8, FIFO_BYTES = 16;

    private RuntimeRoutines() {}

    /** {@code stop}: the symbol of the method halt and panic call first (see {@link Compiler#compile(ClassSource, java.util.List, MethodRef)}), or null. */
    static void emit(Assembler a, String stop) {
        a.section(Section.TEXT).bits(64).align(16);
        // ready: waits until COM1's transmitter is empty, then dx = COM1; clobbers al. The kernel turns the
        // 16550's FIFOs on, so an empty transmitter takes 16 bytes: one poll every 16 bytes, not every byte.
        a.label("micros.runtime.ready").mov(DX, imm(COM1 + 5));
        a.label("micros.runtime.ready.wait").in(AL, DX).test(AL, imm(0x20)).jcc(Cond.E, "micros.runtime.ready.wait");
        a.mov(DX, imm(COM1)).ret();

        // puts: the NUL-terminated string at rdi, 16 bytes a poll; clobbers eax, edx, rdi (ecx kept).
        a.global(PUTS).label(PUTS).push(RCX);
        a.label("micros.runtime.puts.poll").call("micros.runtime.ready").mov(ECX, imm(FIFO_BYTES));
        a.label("micros.runtime.puts.next").mov(AL, byte_(RDI)).test(AL, AL).jcc(Cond.E, "micros.runtime.puts.done");
        a.out(DX, AL).inc(RDI).dec(ECX).jcc(Cond.NE, "micros.runtime.puts.next").jmp("micros.runtime.puts.poll");
        a.label("micros.runtime.puts.done").pop(RCX).ret();

        // putHex: "0x" and 16 digits of rdi, a poll before the first 10 bytes and before the last 8; clobbers eax, ecx, edx.
        a.global(PUT_HEX).label(PUT_HEX).call("micros.runtime.ready");
        a.mov(AL, imm('0')).out(DX, AL).mov(AL, imm('x')).out(DX, AL);
        a.mov(ECX, imm(16));
        a.label("micros.runtime.putHex.digit").cmp(ECX, imm(8)).jcc(Cond.NE, "micros.runtime.putHex.polled").call("micros.runtime.ready");
        a.label("micros.runtime.putHex.polled").rol(RDI, imm(4)).mov(EAX, EDI).and(EAX, imm(15));
        a.cmp(EAX, imm(10)).jcc(Cond.B, "micros.runtime.putHex.decimal").add(EAX, imm('a' - 10 - '0'));
        a.label("micros.runtime.putHex.decimal").add(EAX, imm('0')).out(DX, AL);
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
