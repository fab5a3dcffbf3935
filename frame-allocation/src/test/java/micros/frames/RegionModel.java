package micros.frames;

import static micros.frames.FrameAllocator.SIZE_1G;
import static micros.frames.FrameAllocator.SIZE_2M;
import static micros.frames.FrameAllocator.SIZE_4K;

import java.util.TreeSet;
import micros.frames.MemoryMaps.Region;

/**
 * What adding a region must leave in the lists, stated independently of the allocator's code: every byte
 * of a usable whole 4 KiB frame (frame 0 is not usable) goes into the largest aligned frame that lies wholly
 * inside the usable part (1 GiB only with support), and nothing else goes anywhere.
 */
final class RegionModel {
    final TreeSet<Long> frames4k = new TreeSet<>();
    final TreeSet<Long> frames2m = new TreeSet<>();
    final TreeSet<Long> frames1g = new TreeSet<>();

    void add(Region region, boolean oneGiB) {
        // The usable part: whole 4 KiB frames inside the region, never frame 0.
        long low = Math.max(ceil(region.start(), SIZE_4K), SIZE_4K);
        long high = Math.floorDiv(region.end(), SIZE_4K) * SIZE_4K;
        if (low >= high) return;
        // Walk the 2 MiB windows the usable part touches.
        for (long window = Math.floorDiv(low, SIZE_2M) * SIZE_2M; window < high; window += SIZE_2M) {
            long windowEnd = window + SIZE_2M;
            if (low <= window && windowEnd <= high) {
                long gig = Math.floorDiv(window, SIZE_1G) * SIZE_1G;
                if (oneGiB && low <= gig && gig + SIZE_1G <= high) frames1g.add(gig);
                else frames2m.add(window);
            } else {
                for (long f = Math.max(window, low); f < Math.min(windowEnd, high); f += SIZE_4K) frames4k.add(f);
            }
        }
    }

    long bytes() {
        return frames4k.size() * SIZE_4K + frames2m.size() * SIZE_2M + frames1g.size() * SIZE_1G;
    }

    private static long ceil(long value, long unit) {
        return Math.floorDiv(value + unit - 1, unit) * unit;
    }
}
