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
 * <p>Kernel-Java: fixed-size static arrays, quadratic but small (tens of ranges).
 */
public final class FreeRegions {
    public static final int MAX_RESERVED = 64, MAX_FREE = 256;
    static final long PAGE = 4096;

    public static final long[] reservedStart = new long[MAX_RESERVED], reservedEnd = new long[MAX_RESERVED];
    public static int reserved;
    public static final long[] start = new long[MAX_FREE], end = new long[MAX_FREE];
    public static int count;
    /** The blocking range {@link #nextBlocker} found. */
    private static long blockStart, blockEnd;

    private FreeRegions() {}

    public static void clear() {
        reserved = 0;
        count = 0;
    }

    /** Keeps [from, to) out of the free regions (to is exclusive; an empty range is ignored). */
    public static void reserve(long from, long to) {
        if (!Unsigned.less(from, to)) return;
        if (reserved == MAX_RESERVED) { Kernel.log("micros: memory: more than 64 reserved ranges\n"); Kernel.halt(); return; }
        reservedStart[reserved] = from;
        reservedEnd[reserved] = to;
        reserved = reserved + 1;
    }

    /** Computes the free regions from the parsed memory map and the reserved ranges. */
    public static void compute() {
        count = 0;
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
        if (!Unsigned.less(low, high)) return;
        if (count == MAX_FREE) { Kernel.log("micros: memory: more than 256 free regions\n"); Kernel.halt(); return; }
        start[count] = low;
        end[count] = high;
        count = count + 1;
    }

    /** Takes one 4 KiB page out of the free regions (the last of the first region that has one); 0 when none. */
    public static long takePage() {
        for (int k = 0; k < count; k++) {
            long page = end[k] - PAGE;
            if (Unsigned.less(page, start[k]) || page == 0) continue;
            end[k] = page;
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
    public static long bytes() {
        long sum = 0;
        for (int k = 0; k < count; k++) sum += end[k] - start[k];
        return sum;
    }
}
