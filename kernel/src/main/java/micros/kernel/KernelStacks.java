package micros.kernel;

import micros.magic.Memory;

/**
 * The kernel's stacks, in the kernel's half of every address space (PML4 entry 256, which the memory
 * manager's address space shares, supervisor-only): the kernel stack (also TSS.RSP0, for traps from
 * ring 3), then one page each for the double fault and the NMI (IST1, IST2), each above an unmapped guard
 * page, so an overflow faults instead of running into the next. Their frames are pages of the kernel image.
 */
public final class KernelStacks {
    public static final long BASE = 0xFFFF_8000_0000_0000L;
    public static final int KERNEL_PAGES = 4, PAGES = KERNEL_PAGES + 2;
    static final long PAGE = 4096;
    /** Guard at BASE, kernel stack above it, guard, double-fault page, guard, NMI page. */
    public static final long KERNEL_TOP = BASE + PAGE * (1 + KERNEL_PAGES),
            DOUBLE_FAULT_TOP = KERNEL_TOP + 2 * PAGE, NMI_TOP = DOUBLE_FAULT_TOP + 2 * PAGE;

    private KernelStacks() {}

    /**
     * Maps the stacks' pages (from {@code frames}, PAGES contiguous pages) into the address space at
     * {@code root}: all in one page table, walked down to once.
     */
    public static void map(long root, long frames, long noExecute) {
        long table = AddressSpace.leafTable(root, BASE, 12);
        long flags = frames | AddressSpace.PRESENT | AddressSpace.WRITABLE | noExecute;
        AddressSpace.fill(table + 8, KERNEL_PAGES, flags, PAGE);
        Memory.write64(table + 8 * ((DOUBLE_FAULT_TOP - BASE) / PAGE - 1), flags + PAGE * KERNEL_PAGES);
        Memory.write64(table + 8 * ((NMI_TOP - BASE) / PAGE - 1), flags + PAGE * (KERNEL_PAGES + 1));
    }
}
