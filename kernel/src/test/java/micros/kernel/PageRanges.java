package micros.kernel;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;

/**
 * Inputs for page-table building: ranges to identity-map (anywhere below 2^37, up to 8 GiB long, unaligned)
 * and page-aligned ranges to make supervisor-only, with the addresses worth probing around them.
 */
public final class PageRanges {
    private PageRanges() {}

    public record Range(long start, long end) {
        @Override public String toString() { return "[0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")"; }
    }

    static Arbitrary<Range> ranges(long limit) {
        Arbitrary<Long> at = Arbitraries.longs().between(0, limit);
        Arbitrary<Long> length = Arbitraries.oneOf(Arbitraries.longs().between(1, 1L << 22), Arbitraries.longs().between(1, 1L << 33));
        return Combinators.combine(at, length).as((a, l) -> new Range(a, a + l));
    }

    /** One to eight ranges to identity-map. */
    public static Arbitrary<List<Range>> identity() { return ranges(1L << 37).list().ofMinSize(1).ofMaxSize(8); }

    /** Up to four page-aligned ranges whose pages lose user access. */
    public static Arbitrary<List<Range>> kernel() {
        return ranges(1L << 37).map(r -> new Range(r.start() & -4096L, (r.end() + 4095) & -4096L)).list().ofMaxSize(4);
    }

    /** Addresses at and around every range edge, and in the middle (below 2^47). */
    public static List<Long> probes(List<Range> identity, List<Range> kernel) {
        List<Long> out = new ArrayList<>();
        List<Range> all = new ArrayList<>(identity);
        all.addAll(kernel);
        for (Range r : all)
            for (long v : new long[] {r.start(), r.start() + 4096, r.start() - 1, r.end() - 1, r.end(), r.end() - 4096, (r.start() + r.end()) / 2})
                if (v >= 0 && v < 1L << 47) out.add(v);
        return out;
    }
}
