package micros.bench.machine;

import java.util.function.LongUnaryOperator;

/**
 * The x86 page walks (Intel SDM vol. 3, 4.3–4.5), done by the bench for its own view of virtual memory
 * (the console, gdb, interrupt delivery, watchpoints): Unicorn's memory calls take physical addresses.
 */
public final class PageWalk {
    /**
     * A translation: the physical address, or the level (4 = PML4 … 1 = PT) whose entry was not present.
     * {@code entries[4 - level]} is the entry read at each level (32-bit paging uses levels 2 and 1).
     */
    public record Result(long physical, int missingLevel, long[] entries) {
        public boolean present() { return missingLevel == 0; }
    }

    private static final long ADDRESS_MASK = X86Bits.PTE_ADDRESS, PRESENT = X86Bits.PTE_P, LARGE = X86Bits.PTE_PS;

    private PageWalk() {}

    /** The 4-level walk of long mode from {@code cr3}, reading 8-byte entries with {@code read64}. */
    public static Result translate(long cr3, long virtual, LongUnaryOperator read64) {
        return walk(cr3 & ADDRESS_MASK, 4, virtual, read64);
    }

    /**
     * The walk the CPU does in its current state, as QEMU chooses it: without CR4.PAE the 32-bit 2-level
     * walk (4 MiB pages with CR4.PSE), with PAE but outside long mode the 3-level PAE walk, else 4 levels.
     */
    public static Result translate(long cr3, long cr4, long efer, long virtual, LongUnaryOperator read64) {
        return switch (PagingMode.enabled(cr4, efer)) {
            case BITS32 -> walk32(cr3, (cr4 & X86Bits.CR4_PSE) != 0, virtual & 0xFFFF_FFFFL, read64);
            case PAE -> walk(cr3 & X86Bits.CR3_PAE_ADDRESS, 3, virtual & 0xFFFF_FFFFL, read64);
            case LEVEL4 -> translate(cr3, virtual, read64);
            case OFF -> throw new AssertionError("paging on is never OFF");
        };
    }

    /** 8-byte entries, 9 index bits a level (PAE's 4-entry PDPT: a 32-bit address's bits 31:30). */
    private static Result walk(long table, int top, long virtual, LongUnaryOperator read64) {
        long[] entries = new long[4];
        for (int level = top; level >= 1; level--) {
            int index = (int) (virtual >>> (12 + 9 * (level - 1))) & 511;
            long entry = read64.applyAsLong(table + 8L * index);
            entries[4 - level] = entry;
            if ((entry & PRESENT) == 0) return new Result(-1, level, entries);
            boolean large = (level == 3 && top == 4 || level == 2) && (entry & LARGE) != 0;
            if (large || level == 1) {
                long pageMask = (1L << (12 + 9 * (level - 1))) - 1;
                return new Result((entry & ADDRESS_MASK & ~pageMask) | (virtual & pageMask), 0, entries);
            }
            table = entry & ADDRESS_MASK;
        }
        throw new AssertionError("unreachable");
    }

    /** 32-bit paging: 4-byte entries, a page directory (10 bits) and a page table (10 bits). */
    private static Result walk32(long cr3, boolean pse, long virtual, LongUnaryOperator read64) {
        long[] entries = new long[4];
        long pde = read64.applyAsLong((cr3 & X86Bits.PTE32_ADDRESS) + 4 * (virtual >>> 22)) & 0xFFFF_FFFFL;
        entries[2] = pde;
        if ((pde & PRESENT) == 0) return new Result(-1, 2, entries);
        if (pse && (pde & LARGE) != 0) // a 4 MiB page; PSE-36 puts physical bits 39:32 in bits 20:13
            return new Result((pde & 0xFFC0_0000L) | ((pde >>> 13) & 0xFF) << 32 | (virtual & 0x3F_FFFF), 0, entries);
        long pte = read64.applyAsLong((pde & X86Bits.PTE32_ADDRESS) + 4 * ((virtual >>> 12) & 0x3FF)) & 0xFFFF_FFFFL;
        entries[3] = pte;
        if ((pte & PRESENT) == 0) return new Result(-1, 1, entries);
        return new Result((pte & X86Bits.PTE32_ADDRESS) | (virtual & 0xFFF), 0, entries);
    }
}
