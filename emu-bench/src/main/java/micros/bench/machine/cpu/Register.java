package micros.bench.machine.cpu;

/** The CPU registers a front end reads and writes: general, instruction pointer, flags, segment selectors, control registers. */
public enum Register {
    RAX, RBX, RCX, RDX, RSI, RDI, RBP, RSP, R8, R9, R10, R11, R12, R13, R14, R15,
    RIP, RFLAGS,
    CS, SS, DS, ES, FS, GS,
    CR0, CR2, CR3, CR4, CR8;

    /** The 16 general registers in encoding order as gdb and {@code registers} list them (rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp, r8-r15). */
    public static final java.util.List<Register> GENERAL = java.util.List.of(RAX, RBX, RCX, RDX, RSI, RDI, RBP, RSP,
            R8, R9, R10, R11, R12, R13, R14, R15);
}
