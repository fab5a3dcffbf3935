package micros.kernel;

import micros.magic.Memory;

/**
 * Where the boot code put what kernel-Java needs to know: a table of addresses in the kernel's data
 * ({@code kernel_layout}, written by the linker), indexed by the constants here.
 */
public final class KernelLayout {
    public static final int IMAGE_START = 0, IMAGE_END = 1, POOL_START = 2, POOL_END = 3, GDT = 4, TSS = 5, IDT = 6,
            IDT_POINTER = 7, STACK_PAGES = 8, BOOT_PML4 = 9, GDT_POINTER = 10, SYMBOLS = 11, ENTRIES = 12;

    private static long table;

    private KernelLayout() {}

    public static void use(long layout) { table = layout; }

    public static long get(int index) { return Memory.read64(table + 8L * index); }
}
