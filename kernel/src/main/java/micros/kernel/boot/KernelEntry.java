package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.Gpr;
import micros.asm.Section;
import micros.kernel.Descriptors;
import micros.kernel.KernelLayout;
import micros.kernel.KernelStacks;
import micros.kernel.Traps;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.imm;
import static micros.asm.Operands.rip;

/**
 * The assembly around kernel-Java, linked only into the real kernel (fixture kernels bring their own
 * {@code kernel_main}). {@code kernel_main} calls {@code Boot.prepare} on the boot stack (it maps the
 * kernel's stacks into the kernel's half), moves to the kernel stack, calls {@code Boot.main} with the boot
 * information and the layout table, then enters the memory manager in ring 3 by {@code iretq} (rdi = the
 * frame allocator, rsi = the boot information, rsp = 0, interrupts on, every other register cleared). The
 * trap stubs push a uniform frame for {@code Traps.handle} and {@code iretq} when it returns. Also here:
 * the layout table and the stacks' frames ({@link DescriptorTables} has the GDT, TSS and IDT).
 */
public final class KernelEntry {
    public static final String PREPARE = "micros.kernel.Boot.prepare", MAIN = "micros.kernel.Boot.main", TRAP_HANDLER = "micros.kernel.Traps.handle";
    /** Tables for the memory manager's address space; 1 MiB covers several hundred GiB in 2 MiB pages. */
    public static final long POOL_SIZE = 1L << 20;
    static final long USER_RFLAGS = 0x202;  // IF, and bit 1 which is always set
    static final Gpr[] SAVED = {RAX, RBX, RCX, RDX, RSI, RDI, RBP, R8, R9, R10, R11, R12, R13, R14, R15};

    private KernelEntry() {}

    /** The label of {@code vector}'s trap stub. */
    public static String stub(int vector) { return "trap." + vector; }

    public static void emit(Assembler a) {
        a.section(Section.TEXT).bits(64).align(16);
        a.global("kernel_main").label("kernel_main");
        a.lea(RDI, rip("kernel_layout")).call(PREPARE);
        a.mov(RSP, imm(KernelStacks.KERNEL_TOP));
        a.mov(EDI, rip("multiboot_info", 32)).lea(RSI, rip("kernel_layout")).call(MAIN);
        a.global("enter_memory_manager").label("enter_memory_manager");
        a.mov(RDI, rip("micros.kernel.Boot.allocator", 64)).mov(RSI, rip("micros.kernel.BootInformation.address", 64));
        a.push(imm(Descriptors.USER_DATA | 3)).push(imm(0)).push(imm(USER_RFLAGS)).push(imm(Descriptors.USER_CODE | 3)).push(RAX);
        for (Gpr g : SAVED) if (g != RDI && g != RSI) a.xor(g.withBits(32), g.withBits(32));
        a.iretq();

        for (int s = 0; s < Traps.STUBS; s++) {
            int v = Traps.vectorOfStub(s);
            a.align(16).label(stub(v));
            if (!Traps.hasErrorCode(v)) a.push(imm(0));
            a.push(imm(v)).jmp("trap_common");
        }
        a.global("trap_common").label("trap_common");
        for (Gpr g : SAVED) a.push(g);
        a.mov(RDI, RSP).call(TRAP_HANDLER);  // DF is clear: kernel code never leaves it set
        for (int i = SAVED.length - 1; i >= 0; i--) a.pop(SAVED[i]);
        a.add(RSP, imm(16)).iretq();

        a.section(Section.DATA).align(8).global("kernel_layout").label("kernel_layout");
        for (int i = 0; i < KernelLayout.ENTRIES; i++) {
            switch (8 * i) {
                case KernelLayout.IMAGE_START -> a.dqSymbol("multiboot_header", 0);
                case KernelLayout.IMAGE_END -> a.dqSymbol("kernel_image_end", 0);
                case KernelLayout.POOL_START -> a.dqSymbol("page_table_pool", 0);
                case KernelLayout.POOL_END -> a.dqSymbol("kernel_image_end", 0);
                case KernelLayout.GDT -> a.dqSymbol(DescriptorTables.GDT, 0);
                case KernelLayout.TSS -> a.dqSymbol(DescriptorTables.TSS, 0);
                case KernelLayout.IDT -> a.dqSymbol(DescriptorTables.IDT, 0);
                case KernelLayout.IDT_POINTER -> a.dqSymbol(DescriptorTables.IDT_POINTER, 0);
                case KernelLayout.STACK_PAGES -> a.dqSymbol("kernel_stack_pages", 0);
                case KernelLayout.BOOT_PML4 -> a.dqSymbol("pml4", 0);
                case KernelLayout.GDT_POINTER -> a.dqSymbol(DescriptorTables.GDT_POINTER, 0);
                case KernelLayout.SYMBOLS -> a.dqSymbol(SymbolTable.LABEL, 0);
                default -> throw new IllegalStateException("layout entry " + i + " has no value");
            }
        }

        a.section(Section.BSS).align(4096).global("kernel_stack_pages").label("kernel_stack_pages").space(4096L * KernelStacks.PAGES);
    }

    /**
     * The last module linked: every loaded section padded to whole pages, so the image has no gap where a
     * loader could put the boot information or a module (GRUB puts it in the first free bytes: right after
     * the multiboot header otherwise, inside pages the memory manager may not read); then the page-table
     * pool, at least {@link #POOL_SIZE} and on to the next 2 MiB boundary ({@link KernelImage#build()} sizes it), whose label ends the image (.bss
     * last): the image then fills whole 2 MiB pages. The pool is .bss, which the loader zeroes (multiboot2
     * loaders load ELF segments with memsz beyond filesz zeroed, GRUB's and the bench's alike), so its tables
     * start out empty without a store.
     */
    public static void emitImageEnd(Assembler a, long poolSize) {
        for (Section s : new Section[] {MultibootHeader.SECTION, Section.TEXT, Section.RODATA, Section.DATA})
            a.section(s).align(4096).label("kernel_image_end" + s.name());
        a.section(Section.BSS).align(4096).global("page_table_pool").label("page_table_pool").space(poolSize);
        a.global("kernel_image_end").label("kernel_image_end");
    }
}
