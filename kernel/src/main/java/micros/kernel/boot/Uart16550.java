package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.Gpr;

import static micros.asm.Operands.byte_;
import static micros.asm.Operands.imm;
import static micros.asm.Operands.mem;

/**
 * COM1, a 16550 UART at port 0x3F8, polled. Emits {@code uart_init<bits>} and {@code uart_puts<bits>}
 * for the assembler's current mode, so 32-bit boot code can report failures before long mode.
 */
public final class Uart16550 {
    public static final int COM1 = 0x3F8;
    static final int TRANSMITTER_EMPTY = 0x20, FIFO_BYTES = 16;

    private Uart16550() {}

    public static String init(int bits) { return "uart_init" + bits; }

    /** Prints the NUL-terminated string at esi/rsi; clobbers eax, edx, esi/rsi. Once {@code init} ran: it needs the FIFOs. */
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

        // puts: the string's length by repne scasb, then up to 16 bytes by rep outsb after each transmitter-empty
        // poll (init turned the FIFOs on: an empty transmitter takes 16). Keeps ecx/rcx and edi/rdi for the caller.
        Gpr count = bits == 64 ? Gpr.RCX : Gpr.ECX, scan = bits == 64 ? Gpr.RDI : Gpr.EDI, rest = bits == 64 ? Gpr.RAX : Gpr.EAX;
        String chunk = puts(bits) + ".chunk", wait = puts(bits) + ".wait", more = puts(bits) + ".more";
        a.global(puts(bits)).label(puts(bits)).push(count).push(scan);
        a.mov(scan, str).xor(Gpr.EAX, Gpr.EAX).mov(count, imm(-1)).repne().scasb();
        a.mov(count, scan).sub(count, str).dec(count);  // past the NUL, less the NUL
        a.label(chunk).mov(Gpr.DX, imm(COM1 + 5));
        a.label(wait).in(Gpr.AL, Gpr.DX).test(Gpr.AL, imm(TRANSMITTER_EMPTY)).jcc(micros.asm.Cond.E, wait);
        a.mov(Gpr.DX, imm(COM1)).cmp(count, imm(FIFO_BYTES)).jcc(micros.asm.Cond.A, more);
        a.rep().outsb().pop(scan).pop(count).ret();
        a.label(more).lea(rest, mem(count, -FIFO_BYTES)).mov(count, imm(FIFO_BYTES)).rep().outsb().mov(count, rest).jmp(chunk);
    }

    private static void out(Assembler a, int register, int value) {
        a.mov(Gpr.DX, imm(COM1 + register)).mov(Gpr.AL, imm(value)).out(Gpr.DX, Gpr.AL);
    }
}
