package micros.kernel;

/**
 * Ranges to identity-map gathered into runs: each range rounded out to whole pages joins the run before
 * when it meets it (a PC's memory map, rounded to 2 MiB, is mostly one run), else that run is mapped and
 * the range starts the next. So {@link AddressSpace#identityMap} runs once per run, not once per range;
 * a range inside an earlier run that was mapped already only writes the same entries again.
 *
 * <p>Kernel-Java: static state (calls take at most six arguments).
 */
final class IdentityRuns {
    private static long root, page, flags;
    /** The run being gathered, [from, to), in whole pages; empty at first. */
    private static long from, to;

    private IdentityRuns() {}

    /** Starts gathering for {@code root}'s address space: pages of {@code pageSize}, entries with {@code entryFlags}. */
    static void begin(long space, long pageSize, long entryFlags) {
        root = space;
        page = pageSize;
        flags = entryFlags;
        from = 0;
        to = 0;
    }

    /** Adds [start, end) (below 2^47, so signed compares order it); an empty range adds nothing. */
    static void add(long start, long end) {
        if (start >= end) return;
        start = start & -page;
        end = (end + page - 1) & -page;
        if (start > to || end < from) {
            AddressSpace.identityMap(root, from, to, page, flags);
            from = start;
            to = end;
            return;
        }
        if (start < from) from = start;
        if (end > to) to = end;
    }

    /** Maps the last run. */
    static void end() { AddressSpace.identityMap(root, from, to, page, flags); }
}
