package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.Section;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.imm;
import static micros.asm.Operands.rip;

/** The first 64-bit code: data segments, the high kernel stack, COM1, the banner, {@code kernel_main}, then a clean halt. */
public final class LongMode {
    public static final String BANNER = "micros: long mode";

    private LongMode() {}

    public static void emit(Assembler a) {
        a.section(Section.TEXT).bits(64).align(16);
        a.global("long_mode_entry").label("long_mode_entry");
        a.mov(AX, imm(Gdt.KERNEL_DATA));
        for (micros.asm.SegReg s : new micros.asm.SegReg[] {micros.asm.SegReg.DS, micros.asm.SegReg.ES,
                micros.asm.SegReg.SS, micros.asm.SegReg.FS, micros.asm.SegReg.GS}) a.mov(s, AX);
        a.mov(RSP, imm(PageTables.STACK_TOP));
        a.call(Uart16550.init(64));
        a.lea(RSI, rip("msg.long_mode")).call(Uart16550.puts(64));
        a.call("kernel_main");
        a.global("halt").label("halt").cli().hlt().jmp("halt");

        a.section(Section.RODATA).label("msg.long_mode").asciz(BANNER + "\n");
    }
}
