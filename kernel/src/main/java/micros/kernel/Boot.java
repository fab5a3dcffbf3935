package micros.kernel;

import micros.frames.FrameAllocator;
import micros.magic.Cpu;
import micros.magic.Kernel;
import micros.magic.Memory;

/**
 * The kernel's work from long mode to the memory manager: descriptor tables and interrupt controllers,
 * the boot information, the memory manager's address space (all physical memory the map names identity-
 * mapped for it, the kernel's own pages supervisor-only), the free frames handed to the frame allocator,
 * the memory manager loaded. Returns its entry point; the boot code then enters it in ring 3 with
 * rdi = {@link #allocator} and rsi = the boot information.
 */
public final class Boot {
    static final int EXTENDED_LEAF = 0x8000_0000, FEATURES_LEAF = 0x8000_0001, ADDRESS_SIZES_LEAF = 0x8000_0008;
    static final int EDX_NX = 1 << 20, EDX_1G_PAGES = 1 << 26;
    /** Identity-mapped addresses must stay in the lower half of a 48-bit address space. */
    static final long LOWER_HALF_END = 1L << 47;
    static final int KERNEL_HALF_ENTRY = 256;
    static final long MIB = 1L << 20;

    /** The frame allocator structure the memory manager gets (a page of its own). */
    public static long allocator;
    /** The memory manager's page tables. */
    public static long root;
    public static boolean oneGiBPages;
    public static long noExecute;

    private Boot() {}

    /**
     * Runs on the boot stack: learns what the CPU offers, takes the page-table pool into use and maps the
     * kernel's stacks into the boot tables' kernel half, where {@code kernel_main} then moves.
     */
    public static void prepare(long layout) {
        KernelLayout.use(layout);
        long features = Cpu.cpuidEax(EXTENDED_LEAF, 0) >= FEATURES_LEAF ? Cpu.cpuidEdx(FEATURES_LEAF, 0) : 0;
        oneGiBPages = (features & EDX_1G_PAGES) != 0;
        noExecute = (features & EDX_NX) != 0 ? AddressSpace.NO_EXECUTE : 0;
        AddressSpace.usePool(KernelLayout.get(KernelLayout.POOL_START), KernelLayout.get(KernelLayout.POOL_END));
        KernelStacks.map(KernelLayout.get(KernelLayout.BOOT_PML4), KernelLayout.get(KernelLayout.STACK_PAGES), noExecute);
    }

    public static long main(long info, long layout) {
        KernelLayout.use(layout);
        Descriptors.install();
        Interrupts.maskLegacyPic();
        BootInformation.parse(info);
        ExitStatus.configure();
        long physicalEnd = 1L << (Cpu.cpuidEax(EXTENDED_LEAF, 0) >= ADDRESS_SIZES_LEAF ? Cpu.cpuidEax(ADDRESS_SIZES_LEAF, 0) & 0xFF : 36);
        long limit = physicalEnd < LOWER_HALF_END ? physicalEnd : LOWER_HALF_END;
        long page = oneGiBPages ? AddressSpace.PAGE_1G : AddressSpace.PAGE_2M;

        long identityEnd = 0;
        for (long i = 0; i < BootInformation.memoryMapEntries; i++) {
            long end = BootInformation.regionBase(i) + BootInformation.regionLength(i);
            if (BootInformation.regionLength(i) != 0 && Unsigned.less(identityEnd, end)) identityEnd = end;
        }
        long framebufferEnd = BootInformation.framebuffer + BootInformation.framebufferSize();
        if (Unsigned.less(identityEnd, framebufferEnd)) identityEnd = framebufferEnd;
        if (Unsigned.less(limit, identityEnd)) {
            Kernel.log("micros: memory map: memory beyond the physical address width\n");
            Kernel.halt();
            return 0;
        }
        identityEnd = (identityEnd + page - 1) & -page;

        long imageStart = KernelLayout.get(KernelLayout.IMAGE_START), imageEnd = KernelLayout.get(KernelLayout.IMAGE_END);
        // The boot tables map the image and the boot information only: from here on the kernel runs in the
        // memory manager's address space, which maps all the rest (the modules among it).
        root = buildAddressSpace(page, imageStart, imageEnd, info);
        Cpu.writeCr3(root);

        int mm = BootInformation.memoryManager;
        long file = BootInformation.moduleStart[mm], fileSize = BootInformation.moduleEnd[mm] - file;
        MemoryManagerImage.check(file, fileSize, identityEnd);

        // The memory manager reads the information and the modules; the image's pages are the kernel's alone.
        boolean inImage = Unsigned.less(info, imageEnd) && Unsigned.less(imageStart, info + BootInformation.totalSize);
        for (int k = 0; k < BootInformation.modules; k++)
            if (Unsigned.less(BootInformation.moduleStart[k], imageEnd) && Unsigned.less(imageStart, BootInformation.moduleEnd[k])) inImage = true;
        if (inImage) { Kernel.log("micros: boot information: the loader put the information or a module inside the kernel image\n"); Kernel.halt(); return 0; }
        FreeRegions.clear();
        FreeRegions.reserve(imageStart, imageEnd);
        FreeRegions.reserve(info, info + BootInformation.totalSize);
        for (int k = 0; k < BootInformation.modules; k++) FreeRegions.reserve(BootInformation.moduleStart[k], BootInformation.moduleEnd[k]);
        FreeRegions.reserve(BootInformation.framebuffer, framebufferEnd);
        FreeRegions.compute();
        MemoryManagerImage.checkFits(FreeRegions.bytes() - AddressSpace.PAGE_4K);
        allocator = FreeRegions.takePage();
        if (allocator == 0) { Kernel.log("micros: memory: no free page for the frame allocator\n"); Kernel.halt(); return 0; }

        Interrupts.startApic();

        FrameAllocator.init(allocator, oneGiBPages);
        FreeRegions.handOver(allocator);
        Kernel.log("micros: memory: ");
        Console.decimal(available() / MIB);
        Kernel.log(" MiB available, ");
        Console.decimal(FreeRegions.bytes() / MIB);
        Kernel.log(" MiB free in ");
        Console.decimal(FreeRegions.count);
        Kernel.log(" regions, identity map to ");
        Kernel.logHex(identityEnd);
        if (oneGiBPages) Kernel.log(" in 1 GiB pages\n");
        else Kernel.log(" in 2 MiB pages\n");

        MemoryManagerImage.load(file, root, allocator, noExecute);
        MemoryManagerImage.mapStack(root, allocator, noExecute);
        Kernel.log("micros: frames for the memory manager: ");
        Console.decimal(FrameTally.frames4k);
        Kernel.log(" x 4 KiB, ");
        Console.decimal(FrameTally.frames2m);
        Kernel.log(" x 2 MiB, ");
        Console.decimal(FrameTally.frames1g);
        Kernel.log(" x 1 GiB\n");
        Kernel.log("micros: memory manager ");
        Console.string(BootInformation.moduleString[mm]);
        Kernel.log(": entry ");
        Kernel.logHex(MemoryManagerImage.entry);
        Kernel.log(", allocator ");
        Kernel.logHex(allocator);
        Kernel.log(", boot information ");
        Kernel.logHex(info);
        Kernel.log("\n");
        return MemoryManagerImage.entry;
    }

    /**
     * The memory manager's address space: every range the memory map names, the framebuffer and the boot
     * information identity-mapped, user-accessible, writable, not executable; then the kernel's image (its
     * code, data, stacks' frames, descriptor tables and the table pool) and the local APIC supervisor-only,
     * the image executable; the kernel's half (its stacks) shared with the boot tables. The modules lie in
     * available memory ({@link BootInformation#parse} checks it), which the memory map's ranges cover.
     */
    static long buildAddressSpace(long page, long imageStart, long imageEnd, long info) {
        long r = AddressSpace.newTable();
        long flags = AddressSpace.USER | AddressSpace.WRITABLE | noExecute;
        IdentityRuns.begin(r, page, flags);
        // The map's entries read in place, one after the other: base at 0, length at 8.
        long entry = BootInformation.memoryMap, size = BootInformation.memoryMapEntrySize;
        for (long last = entry + size * BootInformation.memoryMapEntries; entry != last; entry += size)
            IdentityRuns.add(Memory.read64(entry), Memory.read64(entry) + Memory.read64(entry + 8));
        IdentityRuns.add(BootInformation.framebuffer, BootInformation.framebuffer + BootInformation.framebufferSize());
        IdentityRuns.add(info, info + BootInformation.totalSize);
        IdentityRuns.end();
        // The kernel's pages last, over the identity map's: each large page of it made of smaller ones only where given memory shares it.
        KernelPages.map(r, imageStart & -AddressSpace.PAGE_4K, (imageEnd + AddressSpace.PAGE_4K - 1) & -AddressSpace.PAGE_4K,
                AddressSpace.WRITABLE, flags, page);
        long apic = Cpu.rdmsr(Interrupts.IA32_APIC_BASE) & Interrupts.APIC_BASE_MASK;
        KernelPages.map(r, apic, apic + AddressSpace.PAGE_4K, AddressSpace.WRITABLE | noExecute, flags, page);
        long bootRoot = KernelLayout.get(KernelLayout.BOOT_PML4);
        Memory.write64(r + 8L * KERNEL_HALF_ENTRY, Memory.read64(bootRoot + 8L * KERNEL_HALF_ENTRY));
        return r;
    }

    /** Whether [from, to) meets memory the memory manager is given: a range the map names, the framebuffer, the boot information, a module. */
    static boolean givenToMemoryManager(long from, long to) {
        long size = BootInformation.memoryMapEntrySize, last = BootInformation.memoryMap + BootInformation.memoryMapEntries * size;
        for (long e = BootInformation.memoryMap; e != last; e += size) {
            long base = BootInformation.baseAt(e);
            if (meets(base, base + BootInformation.lengthAt(e), from, to)) return true;
        }
        if (meets(BootInformation.framebuffer, BootInformation.framebuffer + BootInformation.framebufferSize(), from, to)) return true;
        // Each module lies inside an available entry (BootInformation.parse checks it): the entries cover the modules.
        return meets(BootInformation.address, BootInformation.address + BootInformation.totalSize, from, to);
    }

    /** Whether the non-empty range [start, end) overlaps [from, to). */
    static boolean meets(long start, long end, long from, long to) {
        return Unsigned.less(start, end) && Unsigned.less(start, to) && Unsigned.less(from, end);
    }

    /** Bytes the memory map calls available (overlaps counted as often as listed). */
    static long available() { return BootInformation.availableBytes; }
}
