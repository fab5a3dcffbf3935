package micros.kernel;

import micros.magic.Memory;

/**
 * The kernel's own pages in the memory manager's address space, mapped before the memory it may use: a
 * kernel range (4 KiB aligned) gets supervisor-only pages, as large as possible, and the large pages it
 * shares with memory the memory manager is given are made of smaller pages at once, user-accessible
 * except the kernel's (no large page mapped first and split afterwards). A large page that holds kernel
 * pages and nothing the memory manager is given is the kernel's whole. {@link AddressSpace#identityMap}
 * afterwards leaves these entries as they are.
 *
 * <p>Kernel-Java: static state for the flags (calls take at most six arguments), recursion by level.
 */
final class KernelPages {
    private static long kernelFlags, userFlags;
    /** The level of the memory manager's largest pages (2 for 2 MiB, 3 for 1 GiB). */
    private static int userLevel;

    private KernelPages() {}

    /**
     * Maps [start, end) in {@code root} with {@code kernel} (present added), the rest of the large pages it
     * touches, where the memory manager is given memory in them, with {@code user} in pages of up to {@code page}.
     */
    static void map(long root, long start, long end, long kernel, long user, long page) {
        kernelFlags = kernel | AddressSpace.PRESENT;
        userFlags = user | AddressSpace.PRESENT;
        userLevel = AddressSpace.levelOf(page);
        mapIn(root, 4, 0, start, end);
    }

    private static void mapIn(long table, int level, long base, long start, long end) {
        int shift = AddressSpace.shift(level);
        long size = 1L << shift;
        long first = Unsigned.less(start, base) ? 0 : (start - base) >>> shift;
        for (long k = first; k < 512; k++) {
            long from = base + k * size;
            if (!Unsigned.less(from, end)) return;
            long entry = table + 8 * k;
            if (level <= userLevel) {
                boolean covered = !Unsigned.less(from, start) && !Unsigned.less(end, from + size);
                if (level == 1 || covered || !Boot.givenToMemoryManager(from, from + size)) {
                    // Whatever is there (a user page of a table filled above, an earlier kernel range) is the kernel's now.
                    Memory.write64(entry, from | kernelFlags | (level > 1 ? AddressSpace.HUGE : 0));
                    continue;
                }
            }
            long e = Memory.read64(entry);
            long child;
            if ((e & AddressSpace.PRESENT) != 0 && (e & AddressSpace.HUGE) == 0) {
                child = e & AddressSpace.ADDRESS;
            } else if ((e & AddressSpace.PRESENT) != 0 && (e & AddressSpace.USER) == 0) {
                continue;  // a large page of an earlier kernel range: the kernel's already
            } else {
                // Absent, or a user page of a table filled above: a table of the next size, user pages where
                // the memory manager's large page would have been, and the kernel's among them next.
                child = AddressSpace.newTable();
                if (level <= userLevel) fill(child, from, 1L << AddressSpace.shift(level - 1), level - 1);
                Memory.write64(entry, child | AddressSpace.TABLE);
            }
            mapIn(child, level - 1, from, start, end);
        }
    }

    /** Fills the 512 entries of {@code table} with user pages of {@code size} from {@code from}. */
    private static void fill(long table, long from, long size, int level) {
        long value = from | userFlags | (level > 1 ? AddressSpace.HUGE : 0);
        for (long entry = table; entry != table + AddressSpace.PAGE_4K; entry += 8) {
            Memory.write64(entry, value);
            value += size;
        }
    }
}
