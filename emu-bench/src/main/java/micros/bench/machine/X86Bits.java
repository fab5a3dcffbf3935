package micros.bench.machine;

/** The x86 control-register, EFER, RFLAGS, page-table-entry and page-fault error-code bits the bench reads (Intel SDM vol. 3). */
public final class X86Bits {
    private X86Bits() {}

    public static final long CR0_PE = 1, CR0_ET = 1 << 4, CR0_PG = 1L << 31;
    public static final long CR4_PSE = 1 << 4, CR4_PAE = 1 << 5, CR4_PCIDE = 1 << 17;
    public static final long EFER_SCE = 1, EFER_LME = 1 << 8, EFER_LMA = 1 << 10, EFER_NXE = 1 << 11;
    public static final long RFLAGS_TF = 1 << 8, RFLAGS_IF = 1 << 9, RFLAGS_NT = 1 << 14, RFLAGS_RF = 1 << 16, RFLAGS_VM = 1 << 17;

    /** Page-table entry flags (all levels; PS only in PDPT and PD entries). */
    public static final long PTE_P = 1, PTE_W = 1 << 1, PTE_U = 1 << 2, PTE_PWT = 1 << 3, PTE_PCD = 1 << 4, PTE_A = 1 << 5, PTE_D = 1 << 6,
            PTE_PS = 1 << 7, PTE_G = 1 << 8, PTE_NX = 1L << 63;
    /** The physical address in a 4-level or PAE entry (bits 51:12). */
    public static final long PTE_ADDRESS = 0x000F_FFFF_FFFF_F000L;
    /** The physical address in a 32-bit paging entry, and in CR3 there (bits 31:12). */
    public static final long PTE32_ADDRESS = 0xFFFF_F000L;
    /** The PDPT's address in CR3 under PAE paging: only 32-byte aligned (bits 31:5). */
    public static final long CR3_PAE_ADDRESS = 0xFFFF_FFE0L;

    /** Page-fault error code: present, write, user, reserved bit, instruction fetch. */
    public static final long PF_P = 1, PF_W = 1 << 1, PF_U = 1 << 2, PF_RSVD = 1 << 3, PF_I = 1 << 4;
}
