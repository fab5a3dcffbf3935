package micros.kernel;

import micros.frames.FrameAllocator;
import micros.frames.FrameList;

/**
 * How many frames of each size the frame allocator's lists hold, kept as the kernel fills and takes from
 * them, so the boot log need not walk the lists (1,444 frames at 128 MiB). The allocator itself keeps no
 * counts: its structure is the memory manager's too. The arithmetic mirrors
 * {@link FrameAllocator#addRegion} and the splits of {@link FrameAllocator#allocate4k}/{@code allocate2m};
 * the boot tests compare the logged counts with the lists the memory manager gets.
 */
public final class FrameTally {
    public static long frames4k, frames2m, frames1g;

    private FrameTally() {}

    public static void clear() {
        frames4k = 0;
        frames2m = 0;
        frames1g = 0;
    }

    /** Counts what {@code FrameAllocator.addRegion(alloc, start, end)} pushes ({@code start} and {@code end} below 2^52). */
    public static void region(long alloc, long start, long end) {
        long low = (start + FrameAllocator.SIZE_4K - 1) & -FrameAllocator.SIZE_4K, high = end & -FrameAllocator.SIZE_4K;
        if (low == 0) low = FrameAllocator.SIZE_4K;
        if (low >= high) return;
        long low2m = (low + FrameAllocator.SIZE_2M - 1) & -FrameAllocator.SIZE_2M, high2m = high & -FrameAllocator.SIZE_2M;
        if (low2m >= high2m) { frames4k = frames4k + ((high - low) >>> 12); return; }
        frames4k = frames4k + ((high - high2m + low2m - low) >>> 12);
        long low1g = (low2m + FrameAllocator.SIZE_1G - 1) & -FrameAllocator.SIZE_1G, high1g = high2m & -FrameAllocator.SIZE_1G;
        if (FrameAllocator.supports1g(alloc) && low1g < high1g) {
            frames2m = frames2m + ((high2m - high1g + low1g - low2m) >>> 21);
            frames1g = frames1g + ((high1g - low1g) >>> 30);
        } else {
            frames2m = frames2m + ((high2m - low2m) >>> 21);
        }
    }

    /** Counts the 4 KiB frame {@code FrameAllocator.allocate4k(alloc)} is about to take (and a split, if its list is empty). */
    public static void taking4k(long alloc) {
        if (FrameList.first(alloc + FrameAllocator.LIST_4K) == 0) {
            taking2m(alloc);
            frames4k = frames4k + 512;
        }
        frames4k = frames4k - 1;
    }

    /** Counts the 2 MiB frame {@code FrameAllocator.allocate2m(alloc)} is about to take (and a split, if its list is empty). */
    public static void taking2m(long alloc) {
        if (FrameList.first(alloc + FrameAllocator.LIST_2M) == 0 && FrameAllocator.supports1g(alloc)) {
            frames1g = frames1g - 1;
            frames2m = frames2m + 512;
        }
        frames2m = frames2m - 1;
    }
}
