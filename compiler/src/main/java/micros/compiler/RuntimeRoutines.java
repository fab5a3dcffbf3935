package micros.compiler;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.Section;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;

/**
 * The few routines compiled code calls: print a string literal, a hex or decimal number or bytes in
 * memory on COM1, panic (print and halt), halt. Polled 16550 at 0x3F8, as the boot path's UART code; the
 * bytes go out by {@code rep outsb}, up to 16 after each poll: the kernel turns the 16550's FIFOs on, so an
 * empty transmitter takes 16 bytes. Every routine keeps rsi (an inlined body's local may be there) and the
 * registers compiled code keeps its locals in (rbx, r8-r15); rax, rcx, rdx and rdi are the caller's scratch.
 */
final class RuntimeRoutines {
    static final String PUTS = "micros.runtime.puts", PUT_HEX = "micros.runtime.putHex", PUT_DECIMAL = "micros.runtime.putDecimal",
            PUT_BYTES = "micros.runtime.putBytes", PANIC = "micros.runtime.panic", HALT = "micros.runtime.halt";
    private static final int COM1 = 0x3F8, LINE_STATUS = COM1 + 5, TRANSMITTER_EMPTY = 0x20, FIFO_BYTES = 16;
    private static final String WRITE = "micros.runtime.write";
    /** Bytes of the stack buffer putHex and putDecimal fill: "0x" and 16 digits, or the 20 digits of 2^64 - 1. */
    private static final int BUFFER = 24;

    private RuntimeRoutines() {}

    /** The longest string literal: its length is the byte before it. */
    static final int MAX_LITERAL = 255;

    /** A string literal's bytes (UTF-8, ASCII in practice), their length in the byte before the label. */
    static void emitLiteral(Assembler a, String label, String text) {
        byte[] bytes = literalBytes(text);
        if (bytes.length > MAX_LITERAL) throw new IllegalArgumentException("a literal of " + bytes.length + " bytes");
        a.db(bytes.length).label(label).bytes(bytes);
    }

    static byte[] literalBytes(String text) { return text.getBytes(java.nio.charset.StandardCharsets.UTF_8); }

    /** rax = (rax | rax << shift) & mask: each lane's upper half moved up into a lane of twice the width. */
    private static void spread(Assembler a, int shift, long mask) {
        a.mov(RDX, RAX).shl(RDX, imm(shift)).or(RAX, RDX).mov(RDX, imm(mask)).and(RAX, RDX);
    }

    /** {@code stop}: the symbol of the method halt and panic call first (see {@link Compiler#compile(ClassSource, java.util.List, MethodRef)}), or null. */
    static void emit(Assembler a, String stop) {
        a.section(Section.TEXT).bits(64).align(16);
        // write: rcx bytes at rsi (none when rcx = 0); clobbers eax, ecx, edx, rsi. One poll, then at most 16 bytes, and again.
        a.label(WRITE).mov(EDX, imm(LINE_STATUS));
        a.label(WRITE + ".wait").in(AL, DX).test(AL, imm(TRANSMITTER_EMPTY)).jcc(Cond.E, WRITE + ".wait");
        a.mov(EDX, imm(COM1)).cmp(RCX, imm(FIFO_BYTES)).jcc(Cond.A, WRITE + ".more");
        a.rep().outsb().ret();
        a.label(WRITE + ".more").lea(RAX, mem(RCX, -FIFO_BYTES)).mov(ECX, imm(FIFO_BYTES)).rep().outsb();
        a.mov(RCX, RAX).jmp(WRITE);

        // puts: the literal at rdi (its length in the byte before it).
        a.global(PUTS).label(PUTS).push(RSI).mov(RSI, RDI).movzx(ECX, byte_(RDI, -1)).call(WRITE).pop(RSI).ret();

        // putBytes: rcx bytes at rdi.
        a.global(PUT_BYTES).label(PUT_BYTES).push(RSI).mov(RSI, RDI).call(WRITE).pop(RSI).ret();

        // putHex: "0x" and 16 digits of rdi into a buffer on the stack, eight digits at a time (half of rdi, the
        // high half first) with 64-bit arithmetic: each byte spread into two bytes holding a nibble each (the
        // high one first, as the text reads), then '0' added to every byte, and 'a' - '0' - 10 more where it is >= 10.
        a.global(PUT_HEX).label(PUT_HEX).push(RSI).sub(RSP, imm(BUFFER)).mov(word(RSP), imm('0' | 'x' << 8));
        a.lea(RSI, mem(RSP, 2)).ror(RDI, imm(32));
        a.label(PUT_HEX + ".half").mov(EAX, EDI).bswap(EAX);                         // its bytes in text order
        spread(a, 16, 0x0000_FFFF_0000_FFFFL);                                       // two bytes to each 32-bit lane
        spread(a, 8, 0x00FF_00FF_00FF_00FFL);                                        // a byte to each 16-bit lane
        a.mov(RDX, RAX).shr(RDX, imm(4)).mov(RCX, imm(0x000F_000F_000F_000FL)).and(RDX, RCX).and(RAX, RCX);
        a.shl(RAX, imm(8)).or(RAX, RDX);                                             // high nibble, then low nibble
        a.mov(RCX, imm(0x0606_0606_0606_0606L)).add(RCX, RAX).shr(RCX, imm(4));      // bit 0 of a byte: its nibble >= 10
        a.mov(RDX, imm(0x0101_0101_0101_0101L)).and(RCX, RDX).imul(RCX, RCX, imm('a' - '0' - 10));
        a.add(RAX, RCX).mov(RDX, imm(0x3030_3030_3030_3030L)).add(RAX, RDX).mov(qword(RSI), RAX);
        a.add(RSI, imm(8)).ror(RDI, imm(32)).lea(RAX, mem(RSP, 2 + 16)).cmp(RSI, RAX).jcc(Cond.NE, PUT_HEX + ".half");
        a.mov(RSI, RSP).mov(ECX, imm(18)).call(WRITE).add(RSP, imm(BUFFER)).pop(RSI).ret();

        // putDecimal: rdi unsigned in decimal, its digits from the last into a buffer on the stack.
        a.global(PUT_DECIMAL).label(PUT_DECIMAL).push(RSI).sub(RSP, imm(BUFFER)).lea(RSI, mem(RSP, BUFFER));
        a.mov(RAX, RDI).mov(ECX, imm(10));
        a.label(PUT_DECIMAL + ".digit").xor(EDX, EDX).div(RCX).add(DL, imm('0')).dec(RSI).mov(byte_(RSI), DL);
        a.test(RAX, RAX).jcc(Cond.NE, PUT_DECIMAL + ".digit");
        a.lea(RCX, mem(RSP, BUFFER)).sub(RCX, RSI).call(WRITE).add(RSP, imm(BUFFER)).pop(RSI).ret();

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

        a.section(Section.RODATA);
        emitLiteral(a, "micros.runtime.panicPrefix", "panic: ");
        emitLiteral(a, "micros.runtime.newline", "\n");
        a.section(Section.TEXT);
    }
}
