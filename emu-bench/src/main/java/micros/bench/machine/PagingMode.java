package micros.bench.machine;

/** The paging mode CR0, CR4 and EFER select (Intel SDM vol. 3, 4.1.1): how many levels a walk has and how wide its entries are. */
public enum PagingMode {
    /** CR0.PG clear: linear addresses are physical. */
    OFF("off", 0),
    /** CR4.PAE clear: 4-byte entries, a page directory and a page table (4 MiB pages with CR4.PSE). */
    BITS32("32-bit", 2),
    /** CR4.PAE set outside long mode: a 4-entry PDPT, then 8-byte PDEs and PTEs. */
    PAE("PAE", 3),
    /** Long mode (EFER.LMA): PML4, PDPT, PD, PT. */
    LEVEL4("4-level", 4);

    private final String text;
    private final int levels;

    PagingMode(String text, int levels) {
        this.text = text;
        this.levels = levels;
    }

    /** The mode with paging on (CR0.PG set), as QEMU chooses it from CR4.PAE and EFER.LMA. */
    public static PagingMode enabled(long cr4, long efer) {
        if ((cr4 & X86Bits.CR4_PAE) == 0) return BITS32;
        return (efer & X86Bits.EFER_LMA) == 0 ? PAE : LEVEL4;
    }

    public static PagingMode of(long cr0, long cr4, long efer) {
        return (cr0 & X86Bits.CR0_PG) == 0 ? OFF : enabled(cr4, efer);
    }

    /** The levels a walk reads, top one first (2 for 32-bit paging: the PD and the PT). */
    public int levels() { return levels; }

    /** Linear addresses outside long mode are 32 bits. */
    public boolean linearAddressesAre32Bits() { return this != LEVEL4; }

    @Override public String toString() { return text; }
}
