package micros.kernel;

import micros.frames.FrameAllocator;
import micros.magic.Kernel;

/**
 * Free physical memory: what the memory map calls available, minus every range the kernel keeps (its
 * image, the boot information, the modules, the framebuffer, ...), minus every range the map gives another
 * type (a firmware may list a range twice; reserved wins), minus what an earlier available entry already
 * covered (so no frame is counted twice). ACPI-reclaimable memory is not free: the ACPI tables live there.
 * Regions are shrunk to whole 4 KiB frames.
 *
 * <p>A map in ascending order of base (as a PC's firmware gives it) is swept once, entry by entry: what
 * the entries before an available one cover of it is one range from its base (they all start at or
 * below it), and the other blockers, the reserved ranges (kept sorted) and the later entries of other
 * types, come in ascending order of start, so a cursor walks them and the gaps it passes are the free
 * pieces. A map out of order takes the scan: each step scans every range for the next (quadratic), the
 * same pieces.
 *
 * <p>Kernel-Java: fixed-size static arrays; unsigned order by {@code Long.compareUnsigned} written in the
 * conditions themselves, where each is one cmp and a jb/jae (through {@link Unsigned#less} it is a boolean
 * made and tested again).
 */
public final class FreeRegions {
    public static final int MAX_RESERVED = 64, MAX_FREE = 256;
    static final long PAGE = 4096;

    /** The reserved ranges in ascending order of start. */
    public static final long[] reservedStart = new long[MAX_RESERVED], reservedEnd = new long[MAX_RESERVED];
    public static int reserved;
    public static final long[] start = new long[MAX_FREE], end = new long[MAX_FREE];
    public static int count;
    /** Bytes in the free regions. */
    private static long free;
    /** The blocking range {@link #nextBlocker} found. */
    private static long blockStart, blockEnd;

    private FreeRegions() {}

    public static void clear() {
        reserved = 0;
        count = 0;
        free = 0;
    }

    /** Keeps [from, to) out of the free regions (to is exclusive; an empty range is ignored). */
    public static void reserve(long from, long to) {
        if (Long.compareUnsigned(from, to) >= 0) return;
        if (reserved == MAX_RESERVED) { Kernel.log("micros: memory: more than 64 reserved ranges\n"); Kernel.halt(); return; }
        // In place among those that start below or with it (the kernel reserves in about ascending order).
        int k = reserved;
        while (k > 0 && Long.compareUnsigned(from, reservedStart[k - 1]) < 0) {
            reservedStart[k] = reservedStart[k - 1];
            reservedEnd[k] = reservedEnd[k - 1];
            k--;
        }
        reservedStart[k] = from;
        reservedEnd[k] = to;
        reserved = reserved + 1;
    }

    /** Computes the free regions from the parsed memory map and the reserved ranges. */
    public static void compute() {
        count = 0;
        free = 0;
        if (!BootInformation.memoryMapAscending) { scan(); return; }
        long size = BootInformation.memoryMapEntrySize, last = BootInformation.memoryMap + BootInformation.memoryMapEntries * size;
        long reach = 0;  // the furthest end of the entries so far
        for (long e = BootInformation.memoryMap; e != last; e += size) {
            long base = BootInformation.baseAt(e), stop = base + BootInformation.lengthAt(e);
            if (BootInformation.typeAt(e) == BootInformation.AVAILABLE) sweep(e + size, last, Long.compareUnsigned(base, reach) < 0 ? reach : base, stop);
            if (Long.compareUnsigned(reach, stop) < 0) reach = stop;
        }
    }

    /**
     * Adds the free pieces of [cursor, stop), which no entry before the map entry at {@code e} blocks: what
     * no reserved range and no entry of another type from {@code e} (to {@code last}) covers.
     */
    private static void sweep(long e, long last, long cursor, long stop) {
        int r = 0;
        while (Long.compareUnsigned(cursor, stop) < 0) {
            // Past the entries that block nothing (available, empty); one starting at or past the stop ends it.
            while (e != last && (BootInformation.typeAt(e) == BootInformation.AVAILABLE || BootInformation.lengthAt(e) == 0)
                    && Long.compareUnsigned(BootInformation.baseAt(e), stop) < 0) e += BootInformation.memoryMapEntrySize;
            // The blocker that starts first, the next reserved range or the next entry; none when both start at or past the stop.
            long blockFrom = stop, blockTo = stop;
            if (r < reserved && Long.compareUnsigned(reservedStart[r], stop) < 0) {
                blockFrom = reservedStart[r];
                blockTo = reservedEnd[r];
            }
            if (e != last && Long.compareUnsigned(BootInformation.baseAt(e), blockFrom) < 0) {
                blockFrom = BootInformation.baseAt(e);
                blockTo = blockFrom + BootInformation.lengthAt(e);
                e += BootInformation.memoryMapEntrySize;
            } else if (blockFrom != stop) {
                r++;
            } else {
                break;
            }
            if (Long.compareUnsigned(cursor, blockTo) >= 0) continue;
            if (Long.compareUnsigned(cursor, blockFrom) < 0) add(cursor, blockFrom);
            cursor = blockTo;
        }
        if (Long.compareUnsigned(cursor, stop) < 0) add(cursor, stop);
    }

    /** The free regions as {@link #sweep} finds them, for a map out of order. */
    private static void scan() {
        for (long i = 0; i < BootInformation.memoryMapEntries; i++) {
            if (BootInformation.regionType(i) != BootInformation.AVAILABLE) continue;
            long cursor = BootInformation.regionBase(i);
            long stop = cursor + BootInformation.regionLength(i);
            while (Unsigned.less(cursor, stop)) {
                if (!nextBlocker(i, cursor, stop)) { add(cursor, stop); break; }
                if (Unsigned.less(cursor, blockStart)) add(cursor, blockStart);
                cursor = blockEnd;
            }
        }
    }

    /**
     * Finds, among the ranges that keep memory of map entry {@code entry} from being free, the lowest-starting
     * one that reaches past {@code cursor} and starts before {@code stop}; its start (at least cursor) and end
     * go to blockStart/blockEnd. False when there is none.
     */
    private static boolean nextBlocker(long entry, long cursor, long stop) {
        boolean found = false;
        for (int k = 0; k < reserved; k++)
            found = consider(found, reservedStart[k], reservedEnd[k], cursor, stop);
        for (long j = 0; j < BootInformation.memoryMapEntries; j++) {
            if (j == entry || j > entry && BootInformation.regionType(j) == BootInformation.AVAILABLE) continue;
            long b = BootInformation.regionBase(j);
            found = consider(found, b, b + BootInformation.regionLength(j), cursor, stop);
        }
        return found;
    }

    private static boolean consider(boolean found, long from, long to, long cursor, long stop) {
        if (!Unsigned.less(cursor, to) || !Unsigned.less(from, stop) || !Unsigned.less(from, to)) return found;
        long s = Unsigned.less(from, cursor) ? cursor : from;
        if (found && !Unsigned.less(s, blockStart)) return true;
        blockStart = s;
        blockEnd = to;
        return true;
    }

    /** Adds [from, to) shrunk to whole frames, if a frame is left. */
    private static void add(long from, long to) {
        long low = (from + PAGE - 1) & -PAGE, high = to & -PAGE;
        if (from != 0 && low == 0) return;  // rounding up wrapped past 2^64
        if (Long.compareUnsigned(low, high) >= 0) return;
        if (count == MAX_FREE) { Kernel.log("micros: memory: more than 256 free regions\n"); Kernel.halt(); return; }
        start[count] = low;
        end[count] = high;
        count = count + 1;
        free = free + (high - low);
    }

    /** Takes one 4 KiB page out of the free regions (the last of the first region that has one); 0 when none. */
    public static long takePage() {
        for (int k = 0; k < count; k++) {
            long page = end[k] - PAGE;
            if (Unsigned.less(page, start[k]) || page == 0) continue;
            end[k] = page;
            free = free - PAGE;
            return page;
        }
        return 0;
    }

    /** Gives every free region to the frame allocator at {@code alloc}, counting its frames in {@link FrameTally}. */
    public static void handOver(long alloc) {
        FrameTally.clear();
        for (int k = 0; k < count; k++) {
            FrameAllocator.addRegion(alloc, start[k], end[k]);
            FrameTally.region(alloc, start[k], end[k]);
        }
    }

    /** Bytes of free memory. */
    public static long bytes() { return free; }
}
