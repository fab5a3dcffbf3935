package micros.kernel;

import micros.magic.Memory;

/**
 * The kernel's own pages in the memory manager's address space, mapped after the identity map: a kernel
 * range (4 KiB aligned) gets supervisor-only pages, as large as possible. A large page of the memory
 * manager's that the range covers, or that holds nothing the memory manager is given, becomes the kernel's
 * whole (one entry written); one the range shares with given memory is made of smaller pages, user-
 * accessible but for the kernel's. So only a large page that really is shared costs a table.
 *
 * <p>Kernel-Java: static state for the flags (calls take at most six arguments), recursion by level.
 */
final class KernelPages {
    private static long kernelFlags, userFlags;

    private KernelPages() {}

    /**
     * Maps [start, end) in {@code root} with {@code kernel} (present added), the rest of the large pages of
     * {@code page} bytes it touches, where the memory manager is given memory in them, with {@code user}
     * (the identity map's flags) in smaller pages.
     */
    static void map(long root, long start, long end, long kernel, long user, long page) {
        kernelFlags = kernel | AddressSpace.PRESENT;
        userFlags = user | AddressSpace.PRESENT;
        int shift = Long.numberOfTrailingZeros(page);
        for (long at = start & -page; at < end; at += page) {
            long entry = AddressSpace.leafTable(root, at, shift) + ((at >>> (shift - 3)) & 0xFF8);
            long e = Memory.read64(entry);
            // The identity map's page is there exactly when given memory meets it (both come from the same ranges).
            if ((e & AddressSpace.PRESENT) == 0 || start <= at && at + page <= end) Memory.write64(entry, at | kernelFlags | AddressSpace.HUGE);
            else mapIn(entry, e, at, shift, start, end);
        }
    }

    /**
     * The kernel's part of [start, end) in the large page at {@code base} of {@code 1 << shift} bytes, which
     * given memory shares, whose entry is {@code entry} and holds {@code e}.
     */
    private static void mapIn(long entry, long e, long base, int shift, long start, long end) {
        long table;
        if ((e & (AddressSpace.PRESENT | AddressSpace.HUGE)) == AddressSpace.PRESENT) {
            table = e & AddressSpace.ADDRESS;  // made of smaller pages for an earlier kernel range
        } else if ((e & AddressSpace.USER) == 0) {
            return;  // a large page an earlier kernel range covered: the kernel's whole already
        } else {
            // The identity map's large page, as 512 user pages of the next size, then the kernel's among them.
            table = AddressSpace.newTable();
            AddressSpace.fill(table, 512, base | userFlags | (shift > 21 ? AddressSpace.HUGE : 0), 1L << (shift - 9));
            Memory.write64(entry, table | AddressSpace.TABLE);
        }
        long child = 1L << (shift - 9), last = base + (1L << shift) < end ? base + (1L << shift) : end;
        for (long at = start > base ? start & -child : base; at < last; at += child) {
            long entry2 = table + (((at - base) >>> (shift - 12)) & 0xFF8);
            if (shift - 9 == 12 || start <= at && at + child <= end || !Boot.givenToMemoryManager(at, at + child))
                Memory.write64(entry2, at | kernelFlags | (shift - 9 > 12 ? AddressSpace.HUGE : 0));
            else mapIn(entry2, Memory.read64(entry2), at, shift - 9, start, end);
        }
    }
}
