package micros.kernel;

import micros.multiboot2.BootInfoImage;
import micros.multiboot2.MemoryRegion;
import micros.multiboot2.PlacedModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Memory maps for the corners of the free-region arithmetic, which PC-like machines seldom reach: entries
 * and reserved ranges crowded into a few MiB (so they overlap, touch, repeat and nest), of every type, empty
 * ones among them, edges off the 4 KiB grid, near 0, 2^32, 2^63 (where signed order turns) or the top of
 * the address space (where rounding up wraps). The map is in ascending order of base or shuffled; a
 * module (empty, as the parser allows) sits in an empty available entry at 4 KiB so the information parses.
 */
public final class CornerMaps {
    public static final long MODULE_AT = 0x1000;
    static final long[] ANCHORS = {0, 1L << 32, Long.MIN_VALUE - (8L << 20), -(8L << 20)};

    /** The map (in the order it is listed), the ranges to reserve (in the order they are reserved), whether the map ascends. */
    public record Layout(List<MemoryRegion> map, List<long[]> reserved, boolean ascending) {
        public byte[] info() {
            return new BootInfoImage("", "test", List.of(new PlacedModule(MODULE_AT, MODULE_AT, "memory_manager")), null, map, null).bytes();
        }

        @Override public String toString() {
            StringBuilder s = new StringBuilder(ascending ? "ascending map\n" : "map out of order\n");
            for (var r : map) s.append("  [0x").append(Long.toHexString(r.base())).append(", 0x").append(Long.toHexString(r.end())).append(") ").append(r.type()).append('\n');
            for (long[] r : reserved) s.append("  reserved [0x").append(Long.toHexString(r[0])).append(", 0x").append(Long.toHexString(r[1])).append(")\n");
            return s.toString();
        }
    }

    private CornerMaps() {}

    public static Arbitrary<Layout> layouts() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.of(true, false)).as(CornerMaps::build);
    }

    public static Layout build(long seed, boolean ascending) {
        Random r = new Random(seed);
        long anchor = ANCHORS[r.nextInt(ANCHORS.length)];
        List<MemoryRegion> map = new ArrayList<>();
        map.add(new MemoryRegion(MODULE_AT, 0, BootInformation.AVAILABLE));
        int entries = 1 + r.nextInt(16);
        for (int i = 0; i < entries; i++) {
            long base = at(r, anchor), length = length(r);
            if (Long.compareUnsigned(base + length, base) < 0) length = -base;  // up to 2^64 at most
            if (length == -base && base != 0) length = length - 1;            // [base, 2^64) would wrap to 0
            int type = r.nextInt(3) == 0 ? 1 + r.nextInt(5) : BootInformation.AVAILABLE;
            map.add(new MemoryRegion(base, length, type));
        }
        if (r.nextInt(3) == 0) map.add(map.get(r.nextInt(map.size())));  // listed twice
        if (ascending) map.sort(Comparator.comparing(MemoryRegion::base, Long::compareUnsigned));
        else java.util.Collections.shuffle(map, r);
        boolean ascends = true;
        for (int i = 1; i < map.size(); i++) if (Long.compareUnsigned(map.get(i).base(), map.get(i - 1).base()) < 0) ascends = false;
        List<long[]> reserved = new ArrayList<>();
        int n = r.nextInt(10);
        for (int i = 0; i < n; i++) {
            long from = at(r, anchor), to = from + length(r);
            if (Long.compareUnsigned(to, from) < 0) to = 0;  // reaching 2^64: reserve() then ignores it
            reserved.add(new long[] {from, to});
        }
        return new Layout(List.copyOf(map), List.copyOf(reserved), ascends);
    }

    /** An address near the anchor: on the 4 KiB grid, on a 1 KiB one, or anywhere. */
    private static long at(Random r, long anchor) {
        long offset = r.nextLong(16L << 20);
        return anchor + switch (r.nextInt(3)) {
            case 0 -> offset & -4096L;
            case 1 -> offset & -1024L;
            default -> offset;
        };
    }

    private static long length(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> (r.nextInt(16) + 1L) << 12;
            case 2 -> (r.nextInt(16) + 1L) << 10;
            case 3 -> r.nextLong(4L << 20);
            default -> r.nextLong(1L << 22) << 2;
        };
    }
}
