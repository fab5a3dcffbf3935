package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.Gpr;

import static micros.asm.Operands.byte_;
import static micros.asm.Operands.imm;

/**
 * COM1, a 16550 UART at port 0x3F8, polled. Emits {@code uart_init<bits>} and {@code uart_puts<bits>}
 * for the assembler's current mode, so 32-bit boot code can report failures before long mode.
 */
public final class Uart16550 {
    public static final int COM1 = 0x3F8;

    private Uart16550() {}

    public static String init(int bits) { return "uart_init" + bits; }

    /** Prints the NUL-terminated string at esi/rsi; clobbers eax, edx, esi/rsi. */
    public static String puts(int bits) { return "uart_puts" + bits; }

    /** Emits both routines for the assembler's current mode into .text. */
    public static void emit(Assembler a) {
        a.section(micros.asm.Section.TEXT);
        int bits = a.bits();
        Gpr str = bits == 64 ? Gpr.RSI : Gpr.ESI;
        a.global(init(bits)).label(init(bits));
        out(a, 1, 0x00);     // no UART interrupts: we poll
        out(a, 3, 0x80);     // DLAB on: ports 0/1 are the divisor
        out(a, 0, 0x01);     // divisor 1: 115200 baud
        out(a, 1, 0x00);
        out(a, 3, 0x03);     // 8 data bits, no parity, 1 stop bit, DLAB off
        out(a, 2, 0xC7);     // FIFOs on and cleared
        out(a, 4, 0x0B);     // DTR, RTS, OUT2
        a.ret();

        String loop = "uart_puts" + bits + ".next", wait = "uart_puts" + bits + ".wait", done = "uart_puts" + bits + ".done";
        a.global(puts(bits)).label(puts(bits));
        a.label(loop);
        a.cmp(byte_(str), imm(0)).jcc(micros.asm.Cond.E, done);
        a.label(wait);
        a.mov(Gpr.DX, imm(COM1 + 5)).in(Gpr.AL, Gpr.DX).test(Gpr.AL, imm(0x20)).jcc(micros.asm.Cond.E, wait);
        a.mov(Gpr.AL, byte_(str)).mov(Gpr.DX, imm(COM1)).out(Gpr.DX, Gpr.AL);
        a.inc(str).jmp(loop);
        a.label(done).ret();
    }

    private static void out(Assembler a, int register, int value) {
        a.mov(Gpr.DX, imm(COM1 + register)).mov(Gpr.AL, imm(value)).out(Gpr.DX, Gpr.AL);
    }
}
