package micros.frames;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random memory maps: sorted disjoint regions with edges of every alignment, from bytes to GiB. */
final class MemoryMaps {
    private MemoryMaps() {}

    /** A region of memory, {@code start} inclusive, {@code end} exclusive. */
    record Region(long start, long end) {
        boolean contains(long frame, long size) {
            return start <= frame && frame + size <= end;
        }

        @Override
        public String toString() {
            return "[0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")";
        }
    }

    /** A length made of a number of units (1 B, 4 KiB, 2 MiB, 1 GiB) plus, sometimes, a few odd bytes. */
    static Arbitrary<Long> lengths(boolean mayBeZero) {
        long min = mayBeZero ? 0 : 1;
        Arbitrary<Long> bytes = Arbitraries.longs().between(min, 64 * 1024);
        Arbitrary<Long> pages = Arbitraries.longs().between(min, 1100).map(n -> n << 12);
        Arbitrary<Long> bigPages = Arbitraries.longs().between(min, 1600).map(n -> n << 21);
        Arbitrary<Long> gigs = Arbitraries.longs().between(min, 5).map(n -> n << 30);
        Arbitrary<Long> units = Arbitraries.frequencyOf(
                Tuple.of(2, bytes), Tuple.of(3, pages), Tuple.of(3, bigPages), Tuple.of(2, gigs));
        Arbitrary<Long> jitter = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.longs().between(-5000, 5000)));
        return Combinators.combine(units, jitter).as((u, j) -> Math.max(min, u + j));
    }

    /** One region around whole GiBs, edges a few MiB off the boundaries: every list and every split gets used. */
    static Arbitrary<List<Region>> gigMaps() {
        Arbitrary<Long> jitter = Arbitraries.longs().between(-(6L << 20), 6L << 20);
        return Combinators.combine(Arbitraries.longs().between(1, 4), Arbitraries.longs().between(1, 3), jitter, jitter)
                .as((at, gigs, startJitter, endJitter) -> {
                    long start = (at << 30) + startJitter;
                    return List.of(new Region(start, start + (gigs << 30) + endJitter));
                });
    }

    /** Up to six disjoint regions, in ascending order, the first possibly starting at 0. */
    static Arbitrary<List<Region>> maps() {
        return Combinators.combine(lengths(true), lengths(false)).as((gap, length) -> new long[] {gap, length})
                .list().ofMinSize(1).ofMaxSize(6)
                .map(pairs -> {
                    var regions = new ArrayList<Region>();
                    long at = 0;
                    for (long[] pair : pairs) {
                        long start = at + pair[0];
                        regions.add(new Region(start, start + pair[1]));
                        at = start + pair[1];
                    }
                    return regions;
                });
    }
}
