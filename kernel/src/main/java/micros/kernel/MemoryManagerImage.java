package micros.kernel;

import micros.frames.FrameAllocator;
import micros.magic.Kernel;
import micros.magic.Memory;

/**
 * The memory manager's ELF64 executable (System V gABI, AMD64 psABI): checked, then loaded into its
 * address space: each PT_LOAD segment into fresh frames at its virtual address, writable and executable
 * as its flags say. A module that fails a check is reported in one COM1 line naming it and the reason.
 *
 * <p>Kernel-Java: the module is read in place (it lies in the identity map).
 */
public final class MemoryManagerImage {
    static final int EI_CLASS = 4, EI_DATA = 5, CLASS_64 = 2, LITTLE_ENDIAN = 1, ET_EXEC = 2, EM_X86_64 = 62;
    static final int E_TYPE = 16, E_MACHINE = 18, E_ENTRY = 24, E_PHOFF = 32, E_PHENTSIZE = 54, E_PHNUM = 56;
    static final int EHDR_SIZE = 64, PHDR_SIZE = 56, MAX_SEGMENTS = 16;
    static final int P_TYPE = 0, P_FLAGS = 4, P_OFFSET = 8, P_VADDR = 16, P_FILESZ = 32, P_MEMSZ = 40;
    static final int PT_LOAD = 1, PF_X = 1, PF_W = 2;
    static final long PAGE = 4096;
    /** The stack: one 2 MiB page ending at 2^64. */
    public static final long STACK = -AddressSpace.PAGE_2M;
    /** The kernel's half: PML4 entry 256, where its stacks live. */
    public static final long KERNEL_HALF = 0xFFFF_8000_0000_0000L, KERNEL_HALF_END = 0xFFFF_8080_0000_0000L;

    public static long entry;
    /** The loadable segments found by {@link #check}: page-rounded virtual ranges. */
    private static final long[] segmentStart = new long[MAX_SEGMENTS], segmentEnd = new long[MAX_SEGMENTS];
    private static int segments;

    private MemoryManagerImage() {}

    /**
     * Checks the ELF file in [file, file + size) against everything loading relies on; {@code identityEnd}
     * is where the identity map ends (no segment may lie below it). Returns only when it can be loaded.
     */
    public static void check(long file, long size, long identityEnd) {
        segments = 0;
        if (size < EHDR_SIZE) { reject(); Kernel.log("shorter than an ELF header\n"); Kernel.halt(); return; }
        if (Memory.read32(file) != 0x464C_457F) { reject(); Kernel.log("not an ELF file\n"); Kernel.halt(); return; }
        if (Memory.read8(file + EI_CLASS) != CLASS_64) { reject(); Kernel.log("not ELF64\n"); Kernel.halt(); return; }
        if (Memory.read8(file + EI_DATA) != LITTLE_ENDIAN) { reject(); Kernel.log("not little endian\n"); Kernel.halt(); return; }
        if (Memory.read16(file + E_MACHINE) != EM_X86_64) { reject(); Kernel.log("not an x86-64 program\n"); Kernel.halt(); return; }
        if (Memory.read16(file + E_TYPE) != ET_EXEC) { reject(); Kernel.log("not an executable (ET_EXEC)\n"); Kernel.halt(); return; }
        long phoff = Memory.read64(file + E_PHOFF);
        long phnum = Memory.read16(file + E_PHNUM);
        if (Memory.read16(file + E_PHENTSIZE) != PHDR_SIZE) { reject(); Kernel.log("program header size is not 56\n"); Kernel.halt(); return; }
        if (Unsigned.less(size, phoff) || Unsigned.less(size - phoff, phnum * PHDR_SIZE)) { reject(); Kernel.log("program headers lie outside the file\n"); Kernel.halt(); return; }
        entry = Memory.read64(file + E_ENTRY);
        boolean entryExecutable = false;
        for (long i = 0; i < phnum; i++) {
            long ph = file + phoff + i * PHDR_SIZE;
            if (Memory.read32(ph + P_TYPE) != PT_LOAD) continue;
            long offset = Memory.read64(ph + P_OFFSET), vaddr = Memory.read64(ph + P_VADDR);
            long filesz = Memory.read64(ph + P_FILESZ), memsz = Memory.read64(ph + P_MEMSZ);
            if (Unsigned.less(memsz, filesz)) { reject(); Kernel.log("a segment's file size exceeds its memory size\n"); Kernel.halt(); return; }
            if (Unsigned.less(size, offset) || Unsigned.less(size - offset, filesz)) { reject(); Kernel.log("a segment's bytes lie outside the file\n"); Kernel.halt(); return; }
            if (memsz == 0) continue;
            long start = vaddr & -PAGE, end = (vaddr + memsz + PAGE - 1) & -PAGE;
            if (Unsigned.wraps(vaddr, memsz) || !canonical(start) || !canonical(end - 1) || start < 0 != end - 1 < 0) {
                reject(); Kernel.log("a segment is not inside the canonical address space\n"); Kernel.halt(); return;
            }
            if (Unsigned.less(start, identityEnd)) { reject(); Kernel.log("a segment overlaps the identity map of physical memory\n"); Kernel.halt(); return; }
            if (Unsigned.less(start, KERNEL_HALF_END) && Unsigned.less(KERNEL_HALF, end)) { reject(); Kernel.log("a segment overlaps the kernel's half\n"); Kernel.halt(); return; }
            if (end == 0 || Unsigned.less(STACK, end)) { reject(); Kernel.log("a segment overlaps the stack at the top of the address space\n"); Kernel.halt(); return; }
            for (int k = 0; k < segments; k++)
                if (Unsigned.less(start, segmentEnd[k]) && Unsigned.less(segmentStart[k], end)) { reject(); Kernel.log("two segments share a page\n"); Kernel.halt(); return; }
            if (segments == MAX_SEGMENTS) { reject(); Kernel.log("more than 16 loadable segments\n"); Kernel.halt(); return; }
            segmentStart[segments] = start;
            segmentEnd[segments] = end;
            segments = segments + 1;
            if ((Memory.read32(ph + P_FLAGS) & PF_X) != 0 && !Unsigned.less(entry, vaddr) && Unsigned.less(entry - vaddr, memsz)) entryExecutable = true;
        }
        if (segments == 0) { reject(); Kernel.log("no loadable segment\n"); Kernel.halt(); return; }
        if (!entryExecutable) { reject(); Kernel.log("the entry point is not in an executable segment\n"); Kernel.halt(); }
    }

    /** The memory the checked segments and the stack take, in bytes (whole pages). */
    public static long bytesNeeded() {
        long sum = AddressSpace.PAGE_2M;
        for (int k = 0; k < segments; k++) sum += segmentEnd[k] - segmentStart[k];
        return sum;
    }

    /** Halts unless {@code free} bytes hold the segments and the stack (a 2 MiB frame may be split, so this is exact enough). */
    public static void checkFits(long free) {
        if (Unsigned.less(free, bytesNeeded())) { reject(); Kernel.log("its segments and stack need more memory than is free\n"); Kernel.halt(); }
    }

    /** Bits 63..47 all equal. */
    static boolean canonical(long v) { return v >> 47 == 0 || v >> 47 == -1; }

    /** The start of a rejection line: which module. */
    private static void reject() {
        Kernel.log("micros: module ");
        Console.string(BootInformation.moduleString[BootInformation.memoryManager]);
        Kernel.log(": ");
    }

    /**
     * Loads the checked file into {@code root}'s address space with frames from {@code alloc}: every page of
     * every segment a frame of its own holding the segment's bytes there (the file's copied, the rest up to
     * memsz zeroed; a page's bytes outside the segment are no part of it and are left as they were, which
     * costs the memory manager nothing it could not read anyway: all memory is identity-mapped for it),
     * user-accessible, writable for PF_W, no-execute without PF_X (when the CPU has NX: {@code noExecute} is
     * the bit to set, or 0). Walks down to a page table once per segment and per table it reaches into.
     */
    public static void load(long file, long root, long alloc, long noExecute) {
        long phoff = Memory.read64(file + E_PHOFF);
        long phnum = Memory.read16(file + E_PHNUM);
        loadingAlloc = alloc;
        for (long ph = file + phoff, last = ph + phnum * PHDR_SIZE; ph != last; ph += PHDR_SIZE) {
            long memsz = Memory.read64(ph + P_MEMSZ);
            if (Memory.read32(ph + P_TYPE) != PT_LOAD || memsz == 0) continue;
            int pflags = Memory.read32(ph + P_FLAGS);
            long flags = AddressSpace.PRESENT | AddressSpace.USER | ((pflags & PF_W) != 0 ? AddressSpace.WRITABLE : 0) | ((pflags & PF_X) != 0 ? 0 : noExecute);
            loadSegment(Memory.read64(ph + P_VADDR), memsz, Memory.read64(ph + P_FILESZ), file + Memory.read64(ph + P_OFFSET), root, flags);
        }
    }

    /** The frame allocator {@link #loadSegment} takes frames from (fields: calls take at most six arguments). */
    private static long loadingAlloc;

    /**
     * One segment: [vaddr, vaddr + memsz), its first filesz bytes from {@code source}, entries {@code flags}.
     * Its addresses compare signed: {@link #check} keeps a segment inside one half of the canonical space.
     */
    private static void loadSegment(long vaddr, long memsz, long filesz, long source, long root, long flags) {
        long fileEnd = vaddr + filesz, end = vaddr + memsz, table = 0;
        for (long page = vaddr & -PAGE; page < end; page += PAGE) {
            if (table == 0 || (page & (AddressSpace.PAGE_2M - 1)) == 0) table = AddressSpace.leafTable(root, page, 12);
            FrameTally.taking4k(loadingAlloc);
            long frame = FrameAllocator.allocate4k(loadingAlloc);
            if (frame == 0) { reject(); Kernel.log("not enough free memory for its segments\n"); Kernel.halt(); return; }
            // This page's part of the segment, [from, to): the file's bytes up to fileEnd, zeros after.
            long from = page < vaddr ? vaddr : page;
            long to = end < page + PAGE ? end : page + PAGE;
            long copied = fileEnd < to ? fileEnd : to;
            if (from < copied) Memory.copy(frame + (from - page), source + (from - vaddr), copied - from);
            else copied = from;
            if (copied < to) Memory.fill(frame + (copied - page), 0, to - copied);
            Memory.write64(table + (((page >>> 12) & 511) << 3), frame | flags);
        }
    }

    /** Maps the stack: a fresh 2 MiB frame as the last 2 MiB of the address space; 0 when no frame is left. */
    public static long mapStack(long root, long alloc, long noExecute) {
        FrameTally.taking2m(alloc);
        long frame = FrameAllocator.allocate2m(alloc);
        if (frame == 0) { reject(); Kernel.log("not enough free memory for its stack\n"); Kernel.halt(); return 0; }
        Memory.write64(AddressSpace.leafTable(root, STACK, 21) + 8 * 511,
                frame | AddressSpace.PRESENT | AddressSpace.HUGE | AddressSpace.USER | AddressSpace.WRITABLE | noExecute);
        return frame;
    }
}
