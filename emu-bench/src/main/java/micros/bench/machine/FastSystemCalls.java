package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

/**
 * {@code syscall} as the CPU does it (Intel SDM vol. 2B): Unicorn (2.1.4 as 2.0.1) only calls an instruction
 * hook and steps over it, never reaching LSTAR, and checks nothing — the bench raises #UD while EFER.SCE is
 * clear (the syscall-without-sce fixture) or outside 64-bit mode. {@code sysret} runs natively since 2.1.4
 * (the syscall fixture enters ring 3 by sysretq).
 */
final class FastSystemCalls {
    private final Machine m;
    private final Unicorn uc;
    private final PrivilegeSwitch privilege;
    private final InterruptDelivery delivery;
    FastSystemCalls(Machine machine, PrivilegeSwitch privilege, InterruptDelivery delivery) {
        this.m = machine;
        this.uc = machine.engine();
        this.privilege = privilege;
        this.delivery = delivery;
    }

    private boolean enabled() { return m.mode() == 64 && (uc.msr(X86.MSR_EFER) & X86Bits.EFER_SCE) != 0; }

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

}
