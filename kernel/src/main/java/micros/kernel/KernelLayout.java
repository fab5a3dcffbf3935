package micros.kernel;

import micros.magic.Memory;

/**
 * Where the boot code put what kernel-Java needs to know: a table of addresses in the kernel's data
 * ({@code kernel_layout}, written by the linker) of {@link #ENTRIES} 8-byte entries. The constants here are
 * their byte offsets, so that reading one is a load at a constant displacement, no index arithmetic.
 */
public final class KernelLayout {
    public static final int IMAGE_START = 0, IMAGE_END = 8, POOL_START = 16, POOL_END = 24, GDT = 32, TSS = 40, IDT = 48,
            IDT_POINTER = 56, STACK_PAGES = 64, BOOT_PML4 = 72, GDT_POINTER = 80, SYMBOLS = 88, ENTRIES = 12;

    private static long table;

    private KernelLayout() {}

    public static void use(long layout) { table = layout; }

    /** The entry at byte {@code offset} (one of the constants). */
    public static long get(long offset) { return Memory.read64(table + offset); }
}
