package micros.bench.unicorn;

/** Identifiers from unicorn/x86.h and unicorn/unicorn.h (Unicorn 2.1.4, unchanged since 2.0.1) that the bench uses. */
public final class X86 {
    private X86() {}

    // enum uc_x86_reg (values checked against the C header by compiling a program that prints them)
    public static final int CS = 11, DS = 17, EAX = 19, EFLAGS = 25, ES = 28, FS = 32, GS = 33;
    public static final int RAX = 35, RBP = 36, RBX = 37, RCX = 38, RDI = 39, RDX = 40, RIP = 41, RSI = 43, RSP = 44;
    public static final int SS = 49, CR0 = 50, CR2 = 52, CR3 = 53, CR4 = 54, CR8 = 58;
    public static final int R8 = 106, R9 = 107, R10 = 108, R11 = 109, R12 = 110, R13 = 111, R14 = 112, R15 = 113;
    public static final int IDTR = 242, GDTR = 243, LDTR = 244, TR = 245, MSR = 248, FS_BASE = 250, GS_BASE = 251;

    // enum uc_x86_insn
    public static final int INS_IN = 218, INS_OUT = 500, INS_SYSCALL = 699;

    // uc_arch / uc_mode
    public static final int ARCH_X86 = 4, MODE_64 = 8;

    // uc_prot
    public static final int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4, PROT_ALL = 7;

    // uc_hook_type
    public static final int HOOK_INTR = 1, HOOK_INSN = 1 << 1, HOOK_CODE = 1 << 2, HOOK_BLOCK = 1 << 3;
    public static final int HOOK_MEM_UNMAPPED = (1 << 4) | (1 << 5) | (1 << 6);
    public static final int HOOK_MEM_PROT = (1 << 7) | (1 << 8) | (1 << 9);
    public static final int HOOK_MEM_INVALID = HOOK_MEM_UNMAPPED | HOOK_MEM_PROT;
    public static final int HOOK_MEM_READ = 1 << 10, HOOK_MEM_WRITE = 1 << 11;

    // uc_mem_type (for invalid-access hooks)
    public static final int MEM_READ = 16, MEM_WRITE = 17, MEM_FETCH = 18, MEM_READ_UNMAPPED = 19,
            MEM_WRITE_UNMAPPED = 20, MEM_FETCH_UNMAPPED = 21, MEM_WRITE_PROT = 22, MEM_READ_PROT = 23, MEM_FETCH_PROT = 24;

    public static final int MSR_EFER = 0xC000_0080, MSR_APIC_BASE = 0x1B, MSR_STAR = 0xC000_0081, MSR_LSTAR = 0xC000_0082,
            MSR_CSTAR = 0xC000_0083, MSR_FMASK = 0xC000_0084, MSR_FS_BASE = 0xC000_0100, MSR_GS_BASE = 0xC000_0101,
            MSR_KERNEL_GS_BASE = 0xC000_0102;
}
