package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.UnicornException;
import micros.bench.unicorn.X86;

/**
 * Moves the emulated CPU between ring 0 and ring 3 in 64-bit mode, which the bench must do itself to
 * deliver an interrupt from ring 3 and to emulate {@code syscall}/{@code sysret}.
 *
 * <p>Unicorn keeps the CPL where QEMU does, in hidden flags that no register write changes: loading CS or
 * SS through the register API reloads the descriptor but leaves the CPL alone. So, before the kernel
 * starts, the bench runs a real {@code iretq} from ring 0 to ring 3 in scratch memory and keeps one CPU
 * context of each privilege. To switch, it restores the context of the wanted CPL and writes the whole
 * architectural state back on top of it (control registers, descriptor tables, MSRs, general registers),
 * then loads CS and SS from the kernel's own GDT. Nothing of the kernel's state comes from the context.
 */
final class PrivilegeSwitch {
    /** Scratch for the one-time iretq: the top of the BIOS area, which the memory map marks reserved. */
    private static final long SCRATCH = 0xF_8000, GDT = SCRATCH, STACK_TOP = SCRATCH + 0x1000, USER_CODE = SCRATCH + 0x1000,
            KERNEL_CODE = SCRATCH + 0x1010;

    private static final int[] GENERAL = {X86.RAX, X86.RBX, X86.RCX, X86.RDX, X86.RSI, X86.RDI, X86.RBP, X86.RSP, X86.R8, X86.R9,
        X86.R10, X86.R11, X86.R12, X86.R13, X86.R14, X86.R15, X86.RIP, X86.EFLAGS, X86.CR2};
    private static final int[] MSRS = {X86.MSR_STAR, X86.MSR_LSTAR, X86.MSR_CSTAR, X86.MSR_FMASK, X86.MSR_KERNEL_GS_BASE};
    private static final int[] TABLES = {X86.GDTR, X86.IDTR, X86.LDTR, X86.TR};

    private final Unicorn uc;
    private final Unicorn.Context ring0, ring3;
    /** Ring 0 in 32-bit protected mode, as the CPU was at the kernel's first instruction; null until then. */
    private Unicorn.Context protectedMode;

    /** Makes the two contexts; call before the kernel is loaded (it uses and then clears the scratch area). */
    PrivilegeSwitch(Unicorn uc) {
        this.uc = uc;
        long[] gdt = {0, 0x0020_9A00_0000_0000L, 0x0000_9200_0000_0000L, 0x0000_F200_0000_0000L, 0x0020_FA00_0000_0000L};
        for (int i = 0; i < gdt.length; i++) uc.write64(GDT + 8L * i, gdt[i]);
        uc.setTableRegister(X86.GDTR, new Unicorn.TableRegister(0, GDT, gdt.length * 8 - 1, 0));
        uc.setReg(X86.CS, 0x08);
        uc.setReg(X86.SS, 0x10);
        ring0 = uc.saveContext();
        long[] frame = {USER_CODE, 0x23, 0x2, STACK_TOP, 0x1B}; // RIP, CS, RFLAGS, RSP, SS: ring 3
        for (int i = 0; i < frame.length; i++) uc.write64(STACK_TOP - 40 + 8L * i, frame[i]);
        uc.write(KERNEL_CODE, new byte[] {0x48, (byte) 0xCF}); // iretq
        uc.setReg(X86.RSP, STACK_TOP - 40);
        uc.start(KERNEL_CODE, USER_CODE, 0);
        ring3 = uc.saveContext();
        uc.restoreContext(ring0);
        uc.write(SCRATCH, new byte[0x1020]);
    }

    /** Keeps a clean 32-bit ring-0 context: call at the kernel's first instruction (multiboot2's hand-off state). */
    void captureProtectedMode() {
        if (protectedMode == null) protectedMode = uc.saveContext();
    }

    boolean hasProtectedMode() { return protectedMode != null; }

    /**
     * Puts the CPU at {@code cpl} (0 or 3) with code selector {@code cs} and stack selector {@code ss} taken
     * from the current GDT, everything else as it is now. Outside long mode only ring 0 is possible (and only
     * once the kernel has started); there the selectors are just loaded.
     */
    void enter(int cpl, int cs, int ss) {
        boolean longMode = (uc.msr(X86.MSR_EFER) & X86Bits.EFER_LMA) != 0;
        Unicorn.Context clean = longMode ? (cpl == 0 ? ring0 : ring3) : cpl == 0 ? protectedMode : null;
        if (clean == null) {
            if (uc.reg(X86.CS) != cs) uc.setReg(X86.CS, cs);
            if (uc.reg(X86.SS) != ss) uc.setReg(X86.SS, ss);
            return;
        }
        long[] general = new long[GENERAL.length];
        for (int i = 0; i < GENERAL.length; i++) general[i] = uc.reg(GENERAL[i]);
        long cr0 = uc.reg(X86.CR0), cr3 = uc.reg(X86.CR3), cr4 = uc.reg(X86.CR4), efer = uc.msr(X86.MSR_EFER);
        long ds = uc.reg(X86.DS), es = uc.reg(X86.ES), fs = uc.reg(X86.FS), gs = uc.reg(X86.GS);
        long fsBase = uc.reg(X86.FS_BASE), gsBase = uc.reg(X86.GS_BASE);
        long[] msrs = new long[MSRS.length];
        for (int i = 0; i < MSRS.length; i++) msrs[i] = uc.msr(MSRS[i]);
        Unicorn.TableRegister[] tables = new Unicorn.TableRegister[TABLES.length];
        for (int i = 0; i < TABLES.length; i++) tables[i] = uc.tableRegister(TABLES[i]);

        uc.restoreContext(clean);
        uc.setReg(X86.CR4, cr4);
        uc.setMsr(X86.MSR_EFER, efer);
        uc.setReg(X86.CR3, cr3);
        uc.setReg(X86.CR0, cr0);
        for (int i = 0; i < TABLES.length; i++) uc.setTableRegister(TABLES[i], tables[i]);
        uc.setReg(X86.CS, cs);
        uc.setReg(X86.SS, ss);
        loadData(X86.DS, ds);
        loadData(X86.ES, es);
        loadData(X86.FS, fs);
        loadData(X86.GS, gs);
        uc.setReg(X86.FS_BASE, fsBase);
        uc.setReg(X86.GS_BASE, gsBase);
        for (int i = 0; i < MSRS.length; i++) uc.setMsr(MSRS[i], msrs[i]);
        for (int i = 0; i < GENERAL.length; i++) uc.setReg(GENERAL[i], general[i]);
    }

    /**
     * A data segment selector the new CPL may not load (a ring-0 one in ring 3) becomes null, as an iretq to
     * ring 3 would make it. After sysret a CPU would keep the old selector; in 64-bit mode only its value differs.
     */
    private void loadData(int segment, long selector) {
        try {
            uc.setReg(segment, selector);
        } catch (UnicornException e) {
            uc.setReg(segment, 0);
        }
    }
}
