package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.Gpr;
import micros.asm.Section;

import static micros.asm.Gpr.EAX;
import static micros.asm.Gpr.ECX;
import static micros.asm.Operands.addr;
import static micros.asm.Operands.dword;
import static micros.asm.Operands.imm;
import static micros.asm.Operands.mem;

/**
 * The boot page tables, built by 32-bit code before paging is on:
 * the first 4 GiB identity-mapped (1 GiB pages when the CPU has them, else 2 MiB pages), and the
 * kernel stack mapped high with an unmapped guard page below it, so an overflow faults instead of
 * silently overwriting the tables.
 */
public final class PageTables {
    /** The kernel stack's guard page; the stack's pages follow it. */
    public static final long STACK_GUARD = 0xFFFF_FF80_0000_0000L;
    public static final int STACK_PAGES = 4;
    public static final long STACK_TOP = STACK_GUARD + 4096L * (1 + STACK_PAGES);

    private static final int PRESENT_WRITABLE = 0x3, HUGE = 0x80;
    /** The largest total size {@code BootInformation} accepts. */
    private static final int MAX_BOOT_INFORMATION = (int) micros.kernel.BootInformation.MAX_TOTAL_SIZE;

    private PageTables() {}

    /** Reserves the tables and the stack in .bss. */
    public static void reserve(Assembler a) {
        a.section(Section.BSS).align(4096).label("page_tables");
        // Global, so later code (and test kernels) can find and change the tables.
        for (String t : new String[] {"pml4", "pdpt_low", "pdpt_high", "pd_high", "pt_high"}) a.global(t).label(t).space(4096);
        a.global("pd_low").label("pd_low").space(4 * 4096);
        a.label("kernel_stack").space(4096L * STACK_PAGES);
    }

    /**
     * 32-bit routine {@code page_tables_init32}: reads {@code gib_pages} and {@code nx_high}, clobbers eax,
     * ecx, edx. With {@code whole4GiB} false (the kernel: it reads nothing else before it moves to the memory
     * manager's address space) and 2 MiB pages, only the 2 MiB pages from 0 to the image's end and those of the boot
     * information's largest size are mapped, not 2048 of them.
     */
    public static void emitInit32(Assembler a, boolean whole4GiB) {
        a.section(Section.TEXT).bits(32).label("page_tables_init32");
        // The tables are .bss, which the loader zeroes (multiboot2 loaders zero memsz beyond filesz): not cleared again.
        link(a, "pml4", 0, "pdpt_low");
        link(a, "pml4", (int) (STACK_GUARD >>> 39) & 511, "pdpt_high");
        link(a, "pdpt_high", 0, "pd_high");
        link(a, "pd_high", 0, "pt_high");

        // Stack pages: pt_high[1..STACK_PAGES], not executable where the CPU has NX; pt_high[0] stays the guard.
        a.mov(EAX, addr("kernel_stack")).or(EAX, imm(PRESENT_WRITABLE)).mov(ECX, imm(1)).mov(Gpr.EDX, dword("nx_high"));
        a.label("pt.stack");
        a.mov(mem("pt_high", ECX, 8, 0).withBits(32), EAX);
        a.mov(mem("pt_high", ECX, 8, 4).withBits(32), Gpr.EDX);
        a.add(EAX, imm(4096)).inc(ECX).cmp(ECX, imm(1 + STACK_PAGES)).jcc(Cond.NE, "pt.stack");

        a.cmp(dword("gib_pages"), imm(0)).jcc(Cond.E, "pt.2m");
        a.mov(EAX, imm(PRESENT_WRITABLE | HUGE)).xor(ECX, ECX);
        a.label("pt.1g");
        a.mov(mem("pdpt_low", ECX, 8, 0).withBits(32), EAX);
        a.add(EAX, imm(1 << 30)).inc(ECX).cmp(ECX, imm(4)).jcc(Cond.NE, "pt.1g");
        a.ret();

        a.label("pt.2m");
        a.mov(EAX, addr("pd_low")).or(EAX, imm(PRESENT_WRITABLE)).xor(ECX, ECX);
        a.label("pt.pds");
        a.mov(mem("pdpt_low", ECX, 8, 0).withBits(32), EAX);
        a.add(EAX, imm(4096)).inc(ECX).cmp(ECX, imm(4)).jcc(Cond.NE, "pt.pds");
        if (whole4GiB) {
            a.mov(EAX, imm(PRESENT_WRITABLE | HUGE)).xor(ECX, ECX);
            a.label("pt.2m.next");
            a.mov(mem("pd_low", ECX, 8, 0).withBits(32), EAX);
            a.add(EAX, imm(1 << 21)).inc(ECX).cmp(ECX, imm(4 * 512)).jcc(Cond.NE, "pt.2m.next");
            a.ret();
            return;
        }
        // From 0: the loader's GDT (below 1 MiB with GRUB and the bench) stays readable until lgdt replaces it.
        a.xor(ECX, ECX);
        a.mov(Gpr.EDX, addr("kernel_image_end")).sub(Gpr.EDX, imm(1)).shr(Gpr.EDX, imm(21)).call("pt.2m.range");
        // The boot information: what its largest valid total size could cover (the kernel reads no more of it).
        a.mov(ECX, dword("multiboot_info")).mov(Gpr.EDX, ECX).add(Gpr.EDX, imm(MAX_BOOT_INFORMATION - 1));
        a.jcc(Cond.NC, "pt.info").mov(Gpr.EDX, imm(0xFFFF_FFFFL));
        a.label("pt.info").shr(ECX, imm(21)).shr(Gpr.EDX, imm(21));
        // pt.2m.range: pd_low[ecx..edx] = 2 MiB pages at their own addresses.
        a.label("pt.2m.range");
        a.mov(EAX, ECX).shl(EAX, imm(21)).or(EAX, imm(PRESENT_WRITABLE | HUGE));
        a.mov(mem("pd_low", ECX, 8, 0).withBits(32), EAX);
        a.inc(ECX).cmp(ECX, Gpr.EDX).jcc(Cond.BE, "pt.2m.range");
        a.ret();
    }

    /** table[index] = next | present | writable. */
    private static void link(Assembler a, String table, int index, String next) {
        a.mov(Gpr.EAX, addr(next)).or(Gpr.EAX, imm(PRESENT_WRITABLE)).mov(dword(table, index * 8L), Gpr.EAX);
    }
}
