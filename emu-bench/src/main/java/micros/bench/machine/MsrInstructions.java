package micros.bench.machine;

import micros.bench.disasm.Disassembler;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The MSR Unicorn gets wrong for a kernel: IA32_APIC_BASE reads 0 (2.1.4 as 2.0.1: it has no APIC; the
 * apic-timer fixture reads it). Unicorn has no MSR hook, so every rdmsr and wrmsr the machine meets gets a
 * code hook of its own: blocks are decoded once anyway to count instructions, and a block with a new one is
 * dropped and translated again with the hook in place before it first runs.
 */
final class MsrInstructions {
    private static final int APIC_BASE = X86.MSR_APIC_BASE;

    private final Unicorn uc;
    private final Consumer<String> log;
    private final Set<Long> hooked = new HashSet<>();
    /** BSP, xAPIC globally enabled, at the architectural default address. */
    private final long apicBase = LocalApic.DEFAULT_BASE | 0x900;
    private boolean warnedApicMove;
    /** What the rdmsr that is running must return, or -1 when Unicorn's own answer stands. */
    private long fixup = -1;

    MsrInstructions(Unicorn uc, Consumer<String> log) {
        this.uc = uc;
        this.log = log;
    }

    /** Hooks the block's rdmsr/wrmsr instructions; true if there were new ones (the block must be translated again). */
    boolean hookNew(List<Disassembler.Insn> block) {
        boolean added = false;
        for (Disassembler.Insn i : block) {
            boolean read = i.mnemonic().equals("rdmsr");
            if (!read && !i.mnemonic().equals("wrmsr") || !hooked.add(i.address())) continue;
            long at = i.address();
            if (read) {
                uc.hookCode((address, size) -> rdmsr(), at, at);
                uc.hookCode((address, size) -> afterRdmsr(), at + 2, at + 2);
            } else {
                uc.hookCode((address, size) -> wrmsr(), at, at);
            }
            added = true;
        }
        return added;
    }

    private int ecx() { return (int) uc.reg(X86.RCX); }

    /**
     * rdmsr runs as Unicorn has it; for the MSRs the bench answers itself, the result is replaced before the
     * next instruction. (Skipping the instruction by writing RIP would make Unicorn start a new block there,
     * and the machine would count the rest of the old one twice.)
     */
    private void rdmsr() {
        fixup = ecx() == APIC_BASE ? apicBase : -1;
    }

    private void afterRdmsr() {
        if (fixup == -1) return;
        uc.setReg(X86.RAX, fixup & 0xFFFF_FFFFL);
        uc.setReg(X86.RDX, fixup >>> 32);
        fixup = -1;
    }

    /** Moving the APIC is not modelled: the first such write is logged. */
    private void wrmsr() {
        long value = (uc.reg(X86.RDX) << 32) | (uc.reg(X86.RAX) & 0xFFFF_FFFFL);
        if (ecx() == APIC_BASE && (value & ~0xFFFL) != (apicBase & ~0xFFFL) && !warnedApicMove) {
            warnedApicMove = true;
            log.accept("bench: IA32_APIC_BASE written with 0x" + Long.toHexString(value) + ": the local APIC stays at 0x" + Long.toHexString(LocalApic.DEFAULT_BASE));
        }
    }
}
