package micros.bench.machine;

import micros.asm.ElfFile;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

/**
 * Loads a multiboot2 ELF kernel as GRUB does and hands the CPU to it as the multiboot2 specification
 * says: 32-bit protected mode, paging off, flat segments, EAX = magic, EBX = boot information.
 */
final class MultibootLoader {
    /** Where the hand-off GDT and trampoline live: the EBDA, which the memory map marks reserved. */
    static final long HANDOFF_GDT = MemoryMap.EBDA, HANDOFF_POINTER = HANDOFF_GDT + 0x40, TRAMPOLINE = HANDOFF_GDT + 0x80;

    private MultibootLoader() {}

    /** Loads each PT_LOAD at its physical address, zero-filling past its file bytes; returns the highest end. */
    static long load(Unicorn uc, String name, ElfFile elf, MemoryMap map) {
        long end = 0;
        for (ElfFile.ProgramHeader ph : elf.programHeaders()) {
            if (!ph.isLoad() || ph.memSize() == 0) continue;
            if (!inRam(map, ph.paddr(), ph.memSize()))
                throw new BootException(name + ": segment at physical 0x" + Long.toHexString(ph.paddr()) + " (+0x" + Long.toHexString(ph.memSize()) + ") lies outside RAM");
            uc.write(ph.paddr(), elf.contents(ph));
            if (ph.memSize() > ph.fileSize()) uc.write(ph.paddr() + ph.fileSize(), new byte[(int) (ph.memSize() - ph.fileSize())]);
            end = Math.max(end, ph.paddr() + ph.memSize());
        }
        if (end == 0) throw new BootException(name + ": no loadable segments");
        return end;
    }

    /** The entry address tag wins; else e_entry, turned physical when it falls in a segment's virtual range. */
    static long entryPoint(String name, ElfFile elf, MultibootKernelHeader header) {
        MultibootKernelHeader.Tag t = header.tag(MultibootKernelHeader.TAG_ENTRY_ADDRESS);
        long e = t != null ? t.u32(0) & 0xFFFF_FFFFL : elf.entry();
        for (ElfFile.ProgramHeader ph : elf.programHeaders())
            if (ph.isLoad() && e >= ph.vaddr() && e < ph.vaddr() + ph.memSize()) return e - ph.vaddr() + ph.paddr();
        if (e >= 1L << 32) throw new BootException(name + ": entry point 0x" + Long.toHexString(e) + " is above 4 GiB");
        return e;
    }

    static boolean inRam(MemoryMap map, long base, long length) {
        for (long[] r : map.ramRanges()) if (base >= r[0] && base + length <= r[1]) return true;
        return false;
    }

    /**
     * Unicorn 2.0.1 cannot enter long mode from its 32-bit mode, so the engine is opened in 64-bit mode and
     * put into 32-bit protected mode by a far jump through a flat GDT (see DESIGN.md and probes/handoff32).
     */
    static long handOff(Unicorn uc, long entry, int magic, long bootInfoAddress) {
        long[] gdt = {0, 0x00CF_9A00_0000_FFFFL, 0x00CF_9200_0000_FFFFL};
        for (int i = 0; i < gdt.length; i++) uc.write64(HANDOFF_GDT + 8L * i, gdt[i]);
        uc.setTableRegister(X86.GDTR, new Unicorn.TableRegister(0, HANDOFF_GDT, gdt.length * 8 - 1, 0));
        uc.setMsr(X86.MSR_EFER, 0);
        uc.write(HANDOFF_POINTER, new byte[] {(byte) entry, (byte) (entry >> 8), (byte) (entry >> 16), (byte) (entry >> 24), 0x08, 0});
        // jmp far [HANDOFF_POINTER] (FF /5 with a 32-bit absolute address via SIB)
        long p = HANDOFF_POINTER;
        uc.write(TRAMPOLINE, new byte[] {(byte) 0xFF, 0x2C, 0x25, (byte) p, (byte) (p >> 8), (byte) (p >> 16), (byte) (p >> 24)});
        uc.setReg(X86.RAX, magic & 0xFFFF_FFFFL);
        uc.setReg(X86.RBX, bootInfoAddress);
        uc.setReg(X86.EFLAGS, 0x2);
        uc.setReg(X86.RIP, TRAMPOLINE); // so a debugger attached before the first run sees where it starts
        return TRAMPOLINE;
    }
}
