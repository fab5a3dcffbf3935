package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.UnicornException;
import micros.bench.unicorn.X86;

/**
 * {@code syscall} and {@code sysret} as the CPU does them (Intel SDM vol. 2B), which Unicorn 2.0.1 does
 * not: its CPU model lacks the SYSCALL feature, so EFER.SCE never sets, {@code sysret} raises #UD, and
 * {@code syscall} only calls an instruction hook. The bench keeps EFER.SCE itself ({@link MsrInstructions})
 * and raises #UD, as the CPU does, while it is clear.
 */
final class FastSystemCalls {
    /** RFLAGS bits sysret may restore from R11 (the reserved ones, VM and RF stay clear). */
    private static final long SYSRET_FLAGS = 0x3C_7FD7L;

    private final Machine m;
    private final Unicorn uc;
    private final PrivilegeSwitch privilege;
    private final InterruptDelivery delivery;
    private final MsrInstructions msrs;

    FastSystemCalls(Machine machine, PrivilegeSwitch privilege, InterruptDelivery delivery, MsrInstructions msrs) {
        this.msrs = msrs;
        this.m = machine;
        this.uc = machine.engine();
        this.privilege = privilege;
        this.delivery = delivery;
    }

    private boolean enabled() { return m.mode() == 64 && msrs.syscallEnabled(); }

    /** After Unicorn stepped over a syscall (RIP is the next instruction): enter the kernel at LSTAR. */
    void syscall() {
        long next = uc.reg(X86.RIP);
        if (!enabled()) {
            uc.setReg(X86.RIP, next - 2);
            delivery.raise(6, 0, 0);
            return;
        }
        long star = uc.msr(X86.MSR_STAR), flags = uc.reg(X86.EFLAGS);
        int cs = (int) (star >>> 32) & 0xFFFC;
        privilege.enter(0, cs, cs + 8);
        uc.setReg(X86.RCX, next);
        uc.setReg(X86.R11, flags & ~0x1_0000L); // RF is cleared in the saved copy
        uc.setReg(X86.EFLAGS, flags & ~uc.msr(X86.MSR_FMASK) & ~0x1_0000L | 2);
        uc.setReg(X86.RIP, uc.msr(X86.MSR_LSTAR));
        m.traceNote("syscall (emulated): ring 0 at " + m.describe(uc.reg(X86.RIP)).replaceFirst(":.*", ""));
    }

    /** Whether the instruction at {@code rip} is sysret (0F 07, with or without REX.W). */
    boolean isSysret(long rip) {
        try {
            byte[] b = m.readVirtual(rip, 3);
            return (b[0] & 0xFF) == 0x0F && b[1] == 0x07 || (b[0] & 0xF8) == 0x48 && (b[1] & 0xFF) == 0x0F && b[2] == 0x07;
        } catch (UnicornException e) {
            return false;
        }
    }

    /** Emulates the sysret at RIP: back to ring 3 at RCX with RFLAGS from R11, selectors from STAR[63:48]. */
    void sysret() {
        long rip = uc.reg(X86.RIP);
        boolean toLongMode = (m.readVirtual(rip, 1)[0] & 0xF8) == 0x48;
        if (!enabled()) {
            delivery.raise(6, 0, 0);
            return;
        }
        long target = uc.reg(X86.RCX);
        if (m.cpl() != 0 || toLongMode && (target << 16 >> 16) != target) {
            delivery.raise(13, 0, 0);
            return;
        }
        int base = (int) (uc.msr(X86.MSR_STAR) >>> 48) & 0xFFFF;
        long flags = uc.reg(X86.R11) & SYSRET_FLAGS | 2;
        privilege.enter(3, (toLongMode ? base + 16 : base) | 3, (base + 8) | 3);
        uc.setReg(X86.EFLAGS, flags);
        uc.setReg(X86.RIP, toLongMode ? target : target & 0xFFFF_FFFFL);
        m.traceNote("sysret (emulated): ring 3 at " + m.describe(uc.reg(X86.RIP)).replaceFirst(":.*", ""));
    }
}
