package micros.bench.machine;

import java.util.function.LongUnaryOperator;

/**
 * The 4-level walk's reserved-bit checks (Intel SDM vol. 3, 4.5 and table 4-20): address bits at or above
 * MAXPHYADDR, NX while EFER.NXE is clear, PS in a PML4 entry, PS in a PDPT entry on a CPU without 1 GiB
 * pages, and the low bits of a large page's address. A reserved bit set is a #PF with RSVD and P set.
 */
final class ReservedBits {
    private ReservedBits() {}

    /** The level (4 = PML4 … 1 = PT) of the first present entry with a reserved bit set on the way to {@code virtual}, or 0. */
    static int level(long cr3, long virtual, boolean nxe, CpuFeatures cpu, LongUnaryOperator read64) {
        long above = X86Bits.PTE_ADDRESS & -(1L << cpu.physicalAddressBits());
        long table = cr3 & X86Bits.PTE_ADDRESS;
        for (int level = 4; level >= 1; level--) {
            long entry = read64.applyAsLong(table + 8L * ((virtual >>> (12 + 9 * (level - 1))) & 511));
            if ((entry & X86Bits.PTE_P) == 0) return 0;
            boolean large = (entry & X86Bits.PTE_PS) != 0 && (level == 2 || level == 3);
            long reserved = above | (nxe ? 0 : X86Bits.PTE_NX);
            if (level == 4) reserved |= X86Bits.PTE_PS;
            if (level == 3 && !cpu.gibPages()) reserved |= X86Bits.PTE_PS;
            else if (large) reserved |= ((1L << (12 + 9 * (level - 1))) - 1) & ~0x1FFFL; // bits 29:13 or 20:13
            if ((entry & reserved) != 0) return level;
            if (large || level == 1) return 0;
            table = entry & X86Bits.PTE_ADDRESS;
        }
        return 0;
    }
}
