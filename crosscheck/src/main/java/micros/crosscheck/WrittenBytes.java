package micros.crosscheck;

import java.util.BitSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Bytes written to memory, with their values, kept by 4 KiB page: a call that fills page tables writes
 * hundreds of thousands of bytes, which a map entry per byte makes slow to keep and to compare.
 */
final class WrittenBytes {
    private static final int PAGE = 4096;

    /** One page: the values, and which of them were written. */
    private record Page(byte[] values, BitSet written) {
        Page() { this(new byte[PAGE], new BitSet(PAGE)); }
    }

    private final TreeMap<Long, Page> pages = new TreeMap<>();
    private long lastAddress = 1;
    private Page last;

    void put(long address, byte value) {
        Page p = page(address, true);
        int at = (int) (address & (PAGE - 1));
        p.values[at] = value;
        p.written.set(at);
    }

    void put(long address, byte[] values) {
        for (int i = 0; i < values.length; i++) put(address + i, values[i]);
    }

    /** The value written at {@code address}, or null when nothing was. */
    Byte get(long address) {
        Page p = page(address, false);
        int at = (int) (address & (PAGE - 1));
        return p != null && p.written.get(at) ? p.values[at] : null;
    }

    private Page page(long address, boolean make) {
        long base = address & -PAGE;
        if (base == lastAddress) return last;
        Page p = make ? pages.computeIfAbsent(base, b -> new Page()) : pages.get(base);
        if (p != null) { lastAddress = base; last = p; }
        return p;
    }

    /** The lowest address where the two differ (a value, or written by one only), described; null when they agree. */
    static String firstDifference(WrittenBytes jvm, WrittenBytes bench) {
        TreeSet<Long> bases = new TreeSet<>(jvm.pages.keySet());
        bases.addAll(bench.pages.keySet());
        for (long base : bases) {
            Page j = jvm.pages.get(base), b = bench.pages.get(base);
            for (int i = 0; i < PAGE; i++) {
                boolean jw = j != null && j.written.get(i), bw = b != null && b.written.get(i);
                if (!jw && !bw || jw && bw && j.values[i] == b.values[i]) continue;
                String where = "memory 0x" + Long.toHexString(base + i) + ": ";
                if (!bw) return where + "jvm wrote " + hex(j.values[i]) + ", bench did not write it";
                if (!jw) return where + "bench wrote " + hex(b.values[i]) + ", jvm did not write it";
                return where + "jvm " + hex(j.values[i]) + ", bench " + hex(b.values[i]);
            }
        }
        return null;
    }

    private static String hex(byte b) { return String.format("0x%02x", b & 0xFF); }
}
