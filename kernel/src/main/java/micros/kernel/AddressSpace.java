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

    /**
     * Identity-maps [start, end) with pages of {@code pageSize}, rounded out to whole pages, overwriting the
     * leaf entries there (overlapping ranges write the same values; the kernel's own pages are mapped after
     * all ranges, {@link KernelPages}). Walks down once per table, and writes each entry without reading it.
     * Addresses lie below 2^47 (the kernel checked the memory map against the physical address width), so
     * signed compares order them.
     */
    public static void identityMap(long root, long start, long end, long pageSize, long flags) {
        if (start >= end) return;
        // The parameters are reused as the loop's variables: a method's first five locals get registers.
        int shift = Long.numberOfTrailingZeros(pageSize);
        flags = flags | PRESENT | (shift > 12 ? HUGE : 0);
        end = (end + pageSize - 1) & -pageSize;
        start = start & -pageSize;
        while (start < end) {
            long next = (start + (pageSize << 9)) & -(pageSize << 9);  // where the next table's pages begin
            if (next > end) next = end;
            long table = leafTable(root, start, shift);
            if (table != 0) fill(table + ((start >>> (shift - 3)) & 0xFF8), (next - start) >>> shift, start | flags, pageSize);
            start = next;
        }
    }

    /**
     * Writes {@code count} entries from {@code entry} on: {@code value}, {@code value + step}, and so on.
     * Sixteen a turn, then one: an entry costs a store and an add, the loop's few instructions shared by the
     * turn's entries (the compiler does not unroll). A method of its own (a loop is never inlined) so that its
     * locals stay in registers.
     */
    public static void fill(long entry, long count, long value, long step) {
        long end = entry + 8 * count;
        while (end - entry >= 128) {
            Memory.write64(entry, value);
            value += step;
            Memory.write64(entry + 8, value);
            value += step;
            Memory.write64(entry + 16, value);
            value += step;
            Memory.write64(entry + 24, value);
            value += step;
            Memory.write64(entry + 32, value);
            value += step;
            Memory.write64(entry + 40, value);
            value += step;
            Memory.write64(entry + 48, value);
            value += step;
            Memory.write64(entry + 56, value);
            value += step;
            Memory.write64(entry + 64, value);
            value += step;
            Memory.write64(entry + 72, value);
            value += step;
            Memory.write64(entry + 80, value);
            value += step;
            Memory.write64(entry + 88, value);
            value += step;
            Memory.write64(entry + 96, value);
            value += step;
            Memory.write64(entry + 104, value);
            value += step;
            Memory.write64(entry + 112, value);
            value += step;
            Memory.write64(entry + 120, value);
            value += step;
            entry += 128;
        }
        while (entry != end) {
            Memory.write64(entry, value);
            value += step;
            entry += 8;
        }
    }

    /**
     * The table whose entries map pages of {@code 1 << leafShift} bytes (12, 21 or 30) at {@code virtual},
     * made on the way; 0 when a larger page maps it already.
     */
    public static long leafTable(long root, long virtual, int leafShift) {
        // s: the shift of an entry's index (its level's shift) less 3, the size of an entry.
        for (int s = 36; s >= leafShift + 6; s -= 9) {
            long entry = root + ((virtual >>> s) & 0xFF8);
            long e = Memory.read64(entry);
            if ((e & PRESENT) == 0) {
                root = newTable();
                Memory.write64(entry, root | TABLE);
            } else if ((e & HUGE) != 0) {
                return 0;
            } else {
                root = e & ADDRESS;
            }
        }
        return root;
    }
}
