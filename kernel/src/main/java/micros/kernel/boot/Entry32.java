package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.Section;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.addr;
import static micros.asm.Operands.dword;
import static micros.asm.Operands.imm;
import static micros.asm.Operands.mem;

/**
 * The multiboot2 entry, in 32-bit protected mode with paging off (multiboot2 spec 3.3): check what the
 * loader and the CPU promise, build the page tables, enable PAE, EFER.LME/NXE and paging, and far-jump
 * into 64-bit code. A failed check prints one line on COM1 and halts.
 */
public final class Entry32 {
    public static final String ENTRY = "_start";
    private static final int EFLAGS_ID = 1 << 21;
    private static final int EFER = 0xC000_0080, EFER_LME = 1 << 8, EFER_NXE = 1 << 11;
    private static final int CR4_PAE = 1 << 5;
    private static final int CR0_PE = 1, CR0_PG = 1 << 31;

    private Entry32() {}

    public static void emit(Assembler a) {
        a.section(Section.TEXT).bits(32);
        a.global(ENTRY).label(ENTRY);
        a.cli();
        a.mov(ESP, addr("boot_stack_top"));
        a.mov(dword("boot_magic"), EAX).mov(dword("multiboot_info"), EBX);
        a.call(Uart16550.init(32));

        a.cmp(dword("boot_magic"), imm(MultibootHeader.BOOTLOADER_MAGIC)).jcc(Cond.NE, "fail.magic");

        // CPUID exists when EFLAGS.ID can be flipped.
        a.pushfd().pop(EAX).mov(ECX, EAX).xor(EAX, imm(EFLAGS_ID)).push(EAX).popfd();
        a.pushfd().pop(EAX).push(ECX).popfd().xor(EAX, ECX).jcc(Cond.E, "fail.cpuid");

        a.mov(EAX, imm(0x8000_0000L)).cpuid().cmp(EAX, imm(0x8000_0001L)).jcc(Cond.B, "fail.longmode");
        a.mov(EAX, imm(0x8000_0001L)).cpuid().test(EDX, imm(1 << 29)).jcc(Cond.E, "fail.longmode");
        // Remember 1 GiB pages (EDX bit 26) and no-execute (EDX bit 20, as the NX bit 63 of an entry).
        a.mov(EBX, EDX).shr(EBX, imm(26)).and(EBX, imm(1)).mov(dword("gib_pages"), EBX);
        a.shr(EDX, imm(20)).and(EDX, imm(1)).shl(EDX, imm(31)).mov(dword("nx_high"), EDX);

        a.call("page_tables_init32");
        a.mov(EAX, addr("pml4")).mov(micros.asm.CtlReg.CR3, EAX);
        a.mov(EAX, micros.asm.CtlReg.CR4).or(EAX, imm(CR4_PAE)).mov(micros.asm.CtlReg.CR4, EAX);
        a.mov(ECX, imm(EFER)).rdmsr().or(EAX, imm(EFER_LME));
        a.cmp(dword("nx_high"), imm(0)).jcc(Cond.E, "efer.write").or(EAX, imm(EFER_NXE));
        a.label("efer.write").wrmsr();
        a.mov(EAX, micros.asm.CtlReg.CR0).or(EAX, imm(CR0_PG | CR0_PE)).mov(micros.asm.CtlReg.CR0, EAX);
        a.lgdt(mem("gdt_pointer"));
        a.jmpFar(mem("long_mode_pointer"));

        fail(a, "fail.magic", "bad multiboot2 magic in EAX (not loaded by a multiboot2 loader)");
        fail(a, "fail.cpuid", "no CPUID instruction");
        fail(a, "fail.longmode", "no long mode (CPUID 0x80000001 EDX.LM=0)");
        a.global("boot_fail32").label("boot_fail32");
        a.call(Uart16550.puts(32));
        a.label("halt32").cli().hlt().jmp("halt32");

        a.section(Section.DATA).align(8);
        a.global("multiboot_info").label("multiboot_info").dq(0).label("boot_magic").dd(0).label("gib_pages").dd(0).label("nx_high").dd(0);
        a.section(Section.BSS).align(16).label("boot_stack").space(4096).label("boot_stack_top");
    }

    private static void fail(Assembler a, String label, String why) {
        String msg = "msg." + label;
        a.label(label).mov(ESI, addr(msg)).jmp("boot_fail32");
        a.section(Section.RODATA).label(msg).asciz("micros: boot failed: " + why + "\n");
        a.section(Section.TEXT);
    }
}
