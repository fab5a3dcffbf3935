package micros.bench.machine;

import java.util.function.LongUnaryOperator;

/**
 * Every present leaf mapping of a set of page tables (Intel SDM vol. 3, 4.3–4.5), in the format the CPU's
 * state selects (as {@link PageWalk} does): 32-bit, PAE or 4-level.
 */
final class PageMappings {
    /** One mapping: {@code size} bytes at {@code virtual} onto {@code physical}. */
    interface Visitor { void leaf(long virtual, long physical, long size); }

    private static final long ADDRESS_MASK = 0x000F_FFFF_FFFF_F000L, CR4_PSE = 0x10, CR4_PAE = 0x20, EFER_LMA = 0x400;

    private PageMappings() {}

    static void forEach(long cr3, long cr4, long efer, LongUnaryOperator read64, Visitor visitor) {
        if ((cr4 & CR4_PAE) == 0) walk32(cr3 & 0xFFFF_F000L, (cr4 & CR4_PSE) != 0, read64, visitor);
        else if ((efer & EFER_LMA) == 0) walk(cr3 & 0xFFFF_FFE0L, 3, 4, 0, read64, visitor);
        else walk(cr3 & ADDRESS_MASK, 4, 512, 0, read64, visitor);
    }

    /** 8-byte entries, 9 index bits a level; PAE's top table has 4 entries. Virtual addresses sign-extend bit 47. */
    private static void walk(long table, int level, int entries, long base, LongUnaryOperator read64, Visitor visitor) {
        int shift = 12 + 9 * (level - 1);
        for (int i = 0; i < entries; i++) {
            long entry = read64.applyAsLong(table + 8L * i);
            if ((entry & 1) == 0) continue;
            long virtual = base | (long) i << shift;
            if (level == 4) virtual = virtual << 16 >> 16;
            boolean large = (level == 2 || level == 3 && entries == 512) && (entry & 0x80) != 0;
            if (large || level == 1) visitor.leaf(virtual, entry & ADDRESS_MASK & ~((1L << shift) - 1), 1L << shift);
            else walk(entry & ADDRESS_MASK, level - 1, 512, virtual, read64, visitor);
        }
    }

    private static void walk32(long directory, boolean pse, LongUnaryOperator read64, Visitor visitor) {
        for (int i = 0; i < 1024; i++) {
            long pde = read64.applyAsLong(directory + 4L * i) & 0xFFFF_FFFFL;
            if ((pde & 1) == 0) continue;
            long virtual = (long) i << 22;
            if (pse && (pde & 0x80) != 0) {
                visitor.leaf(virtual, (pde & 0xFFC0_0000L) | ((pde >>> 13) & 0xFF) << 32, 1L << 22);
                continue;
            }
            for (int j = 0; j < 1024; j++) {
                long pte = read64.applyAsLong((pde & 0xFFFF_F000L) + 4L * j) & 0xFFFF_FFFFL;
                if ((pte & 1) != 0) visitor.leaf(virtual | (long) j << 12, pte & 0xFFFF_F000L, 4096);
            }
        }
    }
}
