package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.Section;

/**
 * The boot GDT: null, 64-bit kernel code (selector 0x08), kernel data (0x10). Loaded from 32-bit code,
 * so its pointer holds a 32-bit base; the far pointer takes the CPU into 64-bit code at
 * {@code long_mode_entry}.
 */
public final class Gdt {
    public static final int KERNEL_CODE = 0x08, KERNEL_DATA = 0x10;

    private Gdt() {}

    public static void emit(Assembler a) {
        a.section(Section.DATA).align(16).label("gdt");
        a.dq(0, 0x0020_9A00_0000_0000L, 0x0000_9200_0000_0000L);
        a.label("gdt_end");
        a.align(8).label("gdt_pointer").dw(3 * 8 - 1).ddSymbol("gdt", 0);
        a.align(8).label("long_mode_pointer").ddSymbol("long_mode_entry", 0).dw(KERNEL_CODE);
    }
}
