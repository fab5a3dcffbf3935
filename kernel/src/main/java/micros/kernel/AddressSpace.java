package micros.kernel;

import micros.magic.Kernel;
import micros.magic.Memory;

/**
 * Four-level AMD64 page tables (Intel SDM vol. 3A, 4.5), built from a pool of 4 KiB tables the kernel owns.
 * Levels are numbered as the walk goes down: 4 = PML4 (512 GiB an entry), 3 = PDPT (1 GiB), 2 = PD (2 MiB),
 * 1 = PT (4 KiB). Tables between the root and a leaf are present, writable and user; the leaf decides, since
 * the CPU ANDs writable/user and ORs no-execute down the walk.
 *
 * <p>Kernel-Java: static state (the pool), memory through {@link Memory}.
 */
public final class AddressSpace {
    public static final long PRESENT = 1, WRITABLE = 1 << 1, USER = 1 << 2, HUGE = 1 << 7, NO_EXECUTE = 1L << 63;
    /** Bits 12..51 of an entry: the physical address of a table or page. */
    public static final long ADDRESS = 0x000F_FFFF_FFFF_F000L;
    public static final long PAGE_4K = 1L << 12, PAGE_2M = 1L << 21, PAGE_1G = 1L << 30;
    static final long TABLE = PRESENT | WRITABLE | USER;

    private static long poolNext, poolEnd;
    /** Tables taken from the pool so far. */
    public static long tables;

    private AddressSpace() {}

    /**
     * Tables come from [start, end), 4 KiB aligned and zero: each is handed out once, so none is cleared
     * (the kernel's pool is .bss, which the loader zeroes; clearing it would cost a store per word).
     */
    public static void usePool(long start, long end) {
        poolNext = start;
        poolEnd = end;
        tables = 0;
    }

    /** An empty (zero) table from the pool; halts when the pool is used up. */
    public static long newTable() {
        if (poolEnd - poolNext < PAGE_4K) { Kernel.log("micros: page tables: the table pool is used up\n"); Kernel.halt(); return 0; }
        long t = poolNext;
        poolNext = poolNext + PAGE_4K;
        tables = tables + 1;
        return t;
    }

    static int shift(int level) { return 12 + 9 * (level - 1); }

    static long index(long virtual, int level) { return (virtual >>> shift(level)) & 511; }

    static int levelOf(long pageSize) { return pageSize == PAGE_1G ? 3 : pageSize == PAGE_2M ? 2 : 1; }

    /**
     * Maps the page of {@code pageSize} (4 KiB, 2 MiB, 1 GiB) at {@code virtual} to {@code physical} with
     * {@code flags} (PRESENT is added; HUGE where the size needs it), making tables on the way. A huge page
     * in the way is split first, keeping its flags.
     */
    public static void map(long root, long virtual, long physical, long pageSize, long flags) {
        int leaf = levelOf(pageSize);
        long table = root;
        for (int level = 4; level > leaf; level--) table = descend(table + 8 * index(virtual, level), level);
        Memory.write64(table + 8 * index(virtual, leaf), physical | flags | PRESENT | (leaf > 1 ? HUGE : 0));
    }

    /** The table an entry of {@code level} points at: made when absent, split from a huge page when one is there. */
    private static long descend(long entry, int level) {
        long e = Memory.read64(entry);
        if ((e & PRESENT) == 0) {
            long t = newTable();
            Memory.write64(entry, t | TABLE);
            return t;
        }
        if ((e & HUGE) != 0) return split(entry, level);
        return e & ADDRESS;
    }

    /** Replaces the huge page in {@code entry} (of {@code level}) by a table of 512 pages of the next size, same flags. */
    private static long split(long entry, int level) {
        long e = Memory.read64(entry);
        long t = newTable();
        long childSize = 1L << shift(level - 1);
        long flags = e & ~ADDRESS;
        if (level - 1 == 1) flags = flags & ~HUGE;  // in a 4 KiB entry bit 7 is PAT, not the size
        long frame = e & ADDRESS;
        for (int k = 0; k < 512; k++) Memory.write64(t + 8L * k, frame + k * childSize | flags);
        Memory.write64(entry, t | TABLE);
        return t;
    }

    /** The leaf entry mapping {@code virtual} (its address), or 0 when the walk meets a non-present entry. */
    public static long leaf(long root, long virtual) {
        long table = root;
        for (int level = 4; level >= 1; level--) {
            long entry = table + 8 * index(virtual, level);
            long e = Memory.read64(entry);
            if ((e & PRESENT) == 0) return 0;
            if (level == 1 || (e & HUGE) != 0) return entry;
            table = e & ADDRESS;
        }
        return 0;
    }

    /** The size of the page a leaf entry of the walk for {@code virtual} maps (after {@link #leaf} found one). */
    public static long leafSize(long root, long virtual) {
        long table = root;
        for (int level = 4; level > 1; level--) {
            long e = Memory.read64(table + 8 * index(virtual, level));
            if ((e & HUGE) != 0) return 1L << shift(level);
            table = e & ADDRESS;
        }
        return PAGE_4K;
    }

    /**
     * Identity-maps [start, end) with pages of {@code pageSize}, rounded out to whole pages; pages already
     * mapped (an overlapping range came first) stay as they are. Walks down once per table, not per page.
     */
    public static void identityMap(long root, long start, long end, long pageSize, long flags) {
        if (!Unsigned.less(start, end)) return;
        int leafLevel = levelOf(pageSize);
        int shift = shift(leafLevel);
        long leafFlags = flags | PRESENT | (leafLevel > 1 ? HUGE : 0);
        long page = start & -pageSize, last = (end - 1) & -pageSize;
        while (true) {
            long k = (page >>> shift) & 511;
            long left = (last - page) >>> shift;  // pages after this one (counted, so no address wraps)
            long more = 511 - k;                  // ... of them in this table
            if (Unsigned.less(left, more)) more = left;
            long table = leafTable(root, page, leafLevel);
            if (table != 0) fillAbsent(table + 8 * k, table + 8 * (k + more), page | leafFlags, pageSize);
            if (left == more) return;
            page += (more + 1) << shift;
        }
    }

    /**
     * Entries {@code entry} to {@code last} (inclusive) that are absent get {@code value}, the next one
     * {@code value + step}, and so on. A method of its own (a loop is never inlined) so that its few
     * locals stay in registers.
     */
    private static void fillAbsent(long entry, long last, long value, long step) {
        while (true) {
            if ((Memory.read64(entry) & PRESENT) == 0) Memory.write64(entry, value);
            if (entry == last) return;
            entry += 8;
            value += step;
        }
    }

    /** The table whose entries of {@code leafLevel} map {@code virtual}, made on the way; 0 when a larger page maps it already. */
    private static long leafTable(long root, long virtual, int leafLevel) {
        long table = root;
        for (int level = 4; level > leafLevel; level--) {
            long entry = table + 8 * index(virtual, level);
            long e = Memory.read64(entry);
            if ((e & PRESENT) == 0) {
                long t = newTable();
                Memory.write64(entry, t | TABLE);
                table = t;
            } else if ((e & HUGE) != 0) {
                return 0;
            } else {
                table = e & ADDRESS;
            }
        }
        return table;
    }

    /**
     * Changes the flags of every page in [start, end) (4 KiB aligned): clears {@code clear}, sets {@code set}.
     * Huge pages reaching outside the range are split so that only the range changes. Unmapped pages stay unmapped.
     */
    public static void change(long root, long start, long end, long clear, long set) {
        changeClear = clear;
        changeSet = set;
        changeIn(root, 4, 0, start, end);
    }

    /** The flags {@link #change} clears and sets (fields: calls take at most six arguments). */
    private static long changeClear, changeSet;

    private static void changeIn(long table, int level, long base, long start, long end) {
        long size = 1L << shift(level);
        long first = Unsigned.less(start, base) ? 0 : (start - base) >>> shift(level);
        for (long k = first; k < 512; k++) {
            long from = base + k * size;
            if (!Unsigned.less(from, end)) return;
            long entry = table + 8 * k;
            long e = Memory.read64(entry);
            if ((e & PRESENT) == 0) continue;
            boolean covered = !Unsigned.less(from, start) && !Unsigned.less(end, from + size);
            boolean isLeaf = level == 1 || (e & HUGE) != 0;
            if (isLeaf && covered) { Memory.write64(entry, e & ~changeClear | changeSet); continue; }
            long child = isLeaf ? split(entry, level) : e & ADDRESS;
            changeIn(child, level - 1, from, start, end);
        }
    }
}
