package micros.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A set of addresses as disjoint half-open intervals, for test models: union, difference, equality. */
final class Intervals {
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    Intervals add(long start, long end) {
        if (start >= end) return this;
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) { start = before.getKey(); end = Math.max(end, before.getValue()); }
        for (Map.Entry<Long, Long> e = ranges.ceilingEntry(start); e != null && e.getKey() <= end; e = ranges.ceilingEntry(start)) {
            end = Math.max(end, e.getValue());
            ranges.remove(e.getKey());
        }
        ranges.put(start, end);
        return this;
    }

    Intervals remove(long start, long end) {
        if (start >= end) return this;
        List<long[]> keep = new ArrayList<>();
        // Copied out first: TreeMap reuses entry objects when it removes a node.
        for (long[] e : list()) {
            if (e[1] <= start || e[0] >= end) continue;
            ranges.remove(e[0]);
            if (e[0] < start) keep.add(new long[] {e[0], start});
            if (e[1] > end) keep.add(new long[] {end, e[1]});
        }
        for (long[] k : keep) ranges.put(k[0], k[1]);
        return this;
    }

    Intervals removeAll(Intervals other) {
        other.ranges.forEach(this::remove);
        return this;
    }

    boolean overlaps(long start, long end) {
        Map.Entry<Long, Long> e = ranges.lowerEntry(end);
        return e != null && e.getValue() > start;
    }

    boolean covers(long start, long end) {
        Map.Entry<Long, Long> e = ranges.floorEntry(start);
        return e != null && e.getValue() >= end;
    }

    List<long[]> list() {
        List<long[]> out = new ArrayList<>();
        ranges.forEach((s, e) -> out.add(new long[] {s, e}));
        return out;
    }

    @Override public boolean equals(Object o) { return o instanceof Intervals i && i.ranges.equals(ranges); }

    @Override public int hashCode() { return ranges.hashCode(); }

    @Override public String toString() {
        StringBuilder s = new StringBuilder();
        ranges.forEach((a, b) -> s.append("[0x").append(Long.toHexString(a)).append(", 0x").append(Long.toHexString(b)).append(") "));
        return s.toString().strip();
    }
}
