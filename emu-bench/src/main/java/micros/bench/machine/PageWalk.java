package micros.bench.machine;

import java.util.function.LongUnaryOperator;

/**
 * The x86-64 4-level page walk (Intel SDM vol. 3, 4.5), done by the bench: Unicorn 2.0.1 checks
 * protections with the guest's tables but then uses the virtual address as the physical one, so the
 * bench translates non-identity mappings itself.
 */
public final class PageWalk {
    /** A translation: the physical address, or the level (4 = PML4 … 1 = PT) whose entry was not present. */
    public record Result(long physical, int missingLevel, long[] entries) {
        public boolean present() { return missingLevel == 0; }
    }

    private static final long ADDRESS_MASK = 0x000F_FFFF_FFFF_F000L;

    private PageWalk() {}

    /** Walks from {@code cr3}, reading 8-byte entries with {@code read64}. */
    public static Result translate(long cr3, long virtual, LongUnaryOperator read64) {
        long table = cr3 & ADDRESS_MASK;
        long[] entries = new long[4];
        for (int level = 4; level >= 1; level--) {
            int index = (int) (virtual >>> (12 + 9 * (level - 1))) & 511;
            long entry = read64.applyAsLong(table + 8L * index);
            entries[4 - level] = entry;
            if ((entry & 1) == 0) return new Result(-1, level, entries);
            boolean large = (level == 3 || level == 2) && (entry & 0x80) != 0;
            if (large || level == 1) {
                long pageMask = (1L << (12 + 9 * (level - 1))) - 1;
                return new Result((entry & ADDRESS_MASK & ~pageMask) | (virtual & pageMask), 0, entries);
            }
            table = entry & ADDRESS_MASK;
        }
        throw new AssertionError("unreachable");
    }
}
