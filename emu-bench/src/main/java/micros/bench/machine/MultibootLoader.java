package micros.bench.machine;

import micros.asm.Assembler;
import micros.asm.CtlReg;
import micros.asm.ElfFile;
import micros.asm.Gpr;
import micros.asm.SegReg;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;
import micros.multiboot2.MemoryRegion;

import static micros.asm.Operands.at;
import static micros.asm.Operands.imm;

/**
 * Loads a multiboot2 kernel as GRUB does (an ELF32 or ELF64 file by its PT_LOAD segments, or any file by its header's
 * address tag) and hands the CPU to it as the multiboot2 specification
 * says: 32-bit protected mode, paging off, flat segments, EAX = magic, EBX = boot information.
 */
final class MultibootLoader {
    /** Where the hand-off lives: the BIOS area at 0xF0000, which the memory map marks reserved. */
    static final long PAGE_DIRECTORY = 0xF_0000, HANDOFF_GDT = 0xF_1000, TO_32BIT_POINTER = HANDOFF_GDT + 0x40,
            TO_KERNEL_POINTER = HANDOFF_GDT + 0x48, TRAMPOLINE = HANDOFF_GDT + 0x80, LEAVE_LONG_MODE = HANDOFF_GDT + 0xA0;

    /**
     * What GRUB 2.06 leaves, measured in QEMU with a kernel that prints it (BIOS and UEFI alike): its flat code
     * segment at selector 0x10, flat data at 0x18, and a stack below 0x7FF00 that kernels which push before
     * setting their own rely on. Selector 0x08 is a null descriptor here, so a kernel that assumes another
     * loader's layout faults in the bench as it would under GRUB.
     */
    static final int CODE_SELECTOR = 0x10, DATA_SELECTOR = 0x18;
    static final long STACK_POINTER = 0x7_FF00;

    private MultibootLoader() {}

    /** Refuses a required information request the bench cannot satisfy (multiboot2 specification 3.1.4), as a loader must. */
    static void checkSupported(String name, MultibootKernelHeader header) {
        for (MultibootKernelHeader.Tag t : header.tags()) {
            if (t.optional() || t.type() != MultibootKernelHeader.TAG_INFORMATION_REQUEST) continue;
            for (int request : t.requests())
                if (!BootInformation.PROVIDED.contains(request))
                    throw new BootException(name + ": multiboot2 header requires boot information tag " + request + ", which the bench does not provide");
        }
    }

    /** Loads each PT_LOAD at its physical address, zero-filling past its file bytes; returns {lowest start, highest end}. */
    static long[] load(Unicorn uc, String name, ElfFile elf, MemoryMap map) {
        long start = Long.MAX_VALUE, end = 0;
        for (ElfFile.ProgramHeader ph : elf.programHeaders()) {
            if (!ph.isLoad() || ph.memSize() == 0) continue;
            putInRam(uc, name, "segment", ph.paddr(), elf.contents(ph), ph.memSize(), map);
            start = Math.min(start, ph.paddr());
            end = Math.max(end, ph.paddr() + ph.memSize());
        }
        if (end == 0) throw new BootException(name + ": no loadable segments");
        return new long[] {start, end};
    }

    /**
     * Loads the kernel as its address tag says (the a.out kludge): the file from the header's offset minus
     * (header_addr - load address), up to load_end_addr or the file's end, then zeros to bss_end_addr. Returns {start, end}.
     */
    static long[] load(Unicorn uc, String name, byte[] file, int headerOffset, AddressTag a, MemoryMap map) {
        long start = a.start(headerOffset), offset = a.fileOffset(headerOffset), size = a.loadSize(headerOffset, file.length), end = a.end(headerOffset, file.length);
        if (offset < 0 || size < 0 || offset + size > file.length)
            throw new BootException(String.format("%s: multiboot2 address tag loads file bytes 0x%x-0x%x, outside the file (%d bytes)", name, offset, offset + size, file.length));
        if (end < start + size) throw new BootException(String.format("%s: multiboot2 address tag's bss_end_addr 0x%x is below its load end 0x%x", name, end, start + size));
        putInRam(uc, name, "address tag's image", start, java.util.Arrays.copyOfRange(file, (int) offset, (int) (offset + size)), end - start, map);
        return new long[] {start, end};
    }

    /** Writes {@code bytes} at physical {@code at} and zeros to {@code memSize}, inside available RAM as GRUB's loader insists. */
    private static void putInRam(Unicorn uc, String name, String what, long at, byte[] bytes, long memSize, MemoryMap map) {
        if (!available(map, at, memSize))
            throw new BootException(name + ": " + what + " at physical 0x" + Long.toHexString(at) + " (+0x" + Long.toHexString(memSize)
                    + ") lies outside available RAM (the memory map of a " + (map.ram() >> 20) + " MiB machine)");
        uc.write(at, bytes);
        if (memSize > bytes.length) uc.write(at + bytes.length, new byte[(int) (memSize - bytes.length)]);
    }

    /**
     * The entry address tag wins (a kernel loaded by its address tag has one: both loaders insist); else e_entry,
     * turned physical when it falls in a segment's virtual range.
     */
    static long entryPoint(String name, ElfFile elf, MultibootKernelHeader header) {
        MultibootKernelHeader.Tag t = header.tag(MultibootKernelHeader.TAG_ENTRY_ADDRESS);
        long e = t != null ? t.u32(0) & 0xFFFF_FFFFL : elf.entry();
        if (header.tag(MultibootKernelHeader.TAG_ADDRESS) != null) return e;
        for (ElfFile.ProgramHeader ph : elf.programHeaders())
            if (ph.isLoad() && e >= ph.vaddr() && e < ph.vaddr() + ph.memSize()) return e - ph.vaddr() + ph.paddr();
        if (e >= 1L << 32) throw new BootException(name + ": entry point 0x" + Long.toHexString(e) + " is above 4 GiB");
        return e;
    }

    /** Whether [base, base + length) lies in one region the memory map calls available, as GRUB's loader insists. */
    static boolean available(MemoryMap map, long base, long length) {
        for (MemoryRegion r : map.regions())
            if (r.type() == MemoryRegion.AVAILABLE && base >= r.base() && length <= r.end() - base) return true;
        return false;
    }

    /**
     * Unicorn 2.0.1 cannot enter long mode from its 32-bit mode, so the engine is opened in 64-bit mode and
     * leaves long mode the way a CPU does (DESIGN.md, probes/handoff32): a far jump through a flat GDT to
     * 32-bit code, which turns paging off. Writing EFER through the register API clears LME but not LMA, and
     * writing CR0 through it does not leave long mode either; only the guest's own {@code mov cr0} does, and
     * only when paging was on. So the bench sets CR0.PG (and a page directory identity-mapping the first
     * 4 MiB, where the trampoline runs) before the first instruction, and the trampoline clears it.
     * The kernel then starts in true 32-bit protected mode: EFER = 0, CR0 = PE|ET, CR3 = CR4 = 0, CS a flat
     * 32-bit code segment, DS/ES/FS/GS/SS a flat data segment, EFLAGS with IF and VM clear.
     */
    static long handOff(Unicorn uc, long entry, int magic, long bootInfoAddress) {
        uc.write64(PAGE_DIRECTORY, 0x83); // PDE 0: a present, writable 4 MiB page at 0 (CR4.PSE)
        long[] gdt = {0, 0, 0x00CF_9A00_0000_FFFFL, 0x00CF_9200_0000_FFFFL}; // null, unused, code (CODE_SELECTOR), data
        for (int i = 0; i < gdt.length; i++) uc.write64(HANDOFF_GDT + 8L * i, gdt[i]);
        uc.setTableRegister(X86.GDTR, new Unicorn.TableRegister(0, HANDOFF_GDT, gdt.length * 8 - 1, 0));
        uc.write(TO_32BIT_POINTER, farPointer(LEAVE_LONG_MODE));
        uc.write(TO_KERNEL_POINTER, farPointer(entry));
        uc.write(TRAMPOLINE, trampoline64());
        uc.write(LEAVE_LONG_MODE, trampoline32());
        uc.setMsr(X86.MSR_EFER, 0);
        uc.setReg(X86.CR4, 0x10); // PSE
        uc.setReg(X86.CR3, PAGE_DIRECTORY);
        uc.setReg(X86.CR0, 0x8000_0011L); // PG|ET|PE
        uc.setReg(X86.RAX, magic & 0xFFFF_FFFFL);
        uc.setReg(X86.RBX, bootInfoAddress);
        uc.setReg(X86.RSP, STACK_POINTER);
        uc.setReg(X86.EFLAGS, 0x2);
        uc.setReg(X86.CR2, 0); // as after reset (Unicorn starts with garbage there)
        uc.setReg(X86.RIP, TRAMPOLINE); // so a debugger attached before the first run sees where it starts
        return TRAMPOLINE;
    }

    /** m16:32 for {@code jmp far}: offset, then the flat code selector. */
    private static byte[] farPointer(long offset) {
        return new byte[] {(byte) offset, (byte) (offset >> 8), (byte) (offset >> 16), (byte) (offset >> 24), CODE_SELECTOR, 0};
    }

    /** In 64-bit mode: {@code jmp far dword [TO_32BIT_POINTER]} (FF /5) into 32-bit code. */
    static byte[] trampoline64() {
        Assembler a = new Assembler();
        a.jmpFar(at(TO_32BIT_POINTER, 32));
        return a.finish().section(".text").bytes();
    }

    /** In 32-bit code: paging off (so long mode is left), CR3/CR4 cleared, data segments loaded, on to the kernel. */
    static byte[] trampoline32() {
        Assembler a = new Assembler().bits(32);
        a.mov(Gpr.ECX, CtlReg.CR0).and(Gpr.ECX, imm(0x7FFF_FFFF)).mov(CtlReg.CR0, Gpr.ECX);
        a.xor(Gpr.ECX, Gpr.ECX).mov(CtlReg.CR4, Gpr.ECX).mov(CtlReg.CR3, Gpr.ECX);
        a.mov(Gpr.CX, imm(DATA_SELECTOR));
        for (SegReg s : new SegReg[] {SegReg.DS, SegReg.ES, SegReg.FS, SegReg.GS, SegReg.SS}) a.mov(s, Gpr.CX);
        a.xor(Gpr.ECX, Gpr.ECX); // also leaves EFLAGS 0x46 (ZF, PF), as GRUB's BIOS hand-off does
        a.jmpFar(at(TO_KERNEL_POINTER, 32));
        return a.finish().section(".text").bytes();
    }
}
