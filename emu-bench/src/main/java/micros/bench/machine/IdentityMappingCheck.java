package micros.bench.machine;

import micros.bench.disasm.Disassembler;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Unicorn 2.0.1 uses a virtual address as the physical one; the bench makes other mappings work by mapping
 * the virtual page onto the physical page's bytes ({@link GuestMemory#aliasVirtualPage}), which it cannot do
 * where Unicorn already has something at that address: RAM, the framebuffer, the local APIC. A guest
 * mapping of such an address onto other memory would silently read and write the wrong bytes. So after
 * every write of CR0, CR3 or CR4 with paging on, the bench looks through the tables for one and stops the
 * run, naming it. (Each such {@code mov} gets a hook on the instruction after it, as {@link MsrInstructions}
 * hooks rdmsr.)
 */
final class IdentityMappingCheck {
    private final Unicorn uc;
    private final GuestMemory memory;
    private final Consumer<StopReason> stop;
    private final long[][] fixed; // [start, end) of what else Unicorn maps at its own address
    private final Set<Long> hooked = new HashSet<>();

    IdentityMappingCheck(Unicorn uc, GuestMemory memory, Framebuffer fb, Consumer<StopReason> stop) {
        this.uc = uc;
        this.memory = memory;
        this.stop = stop;
        this.fixed = new long[][] {{fb.address(), fb.address() + fb.size()}, {LocalApic.DEFAULT_BASE, LocalApic.DEFAULT_BASE + 4096}};
    }

    /** Hooks the instruction after each mov to CR0, CR3 or CR4 in the block; true if there were new ones. */
    boolean hookNew(List<Disassembler.Insn> block) {
        boolean added = false;
        for (Disassembler.Insn i : block) {
            String ops = i.operands();
            if (!i.mnemonic().equals("mov") || !(ops.startsWith("cr0,") || ops.startsWith("cr3,") || ops.startsWith("cr4,"))) continue;
            long after = i.address() + i.size();
            if (!hooked.add(after)) continue;
            uc.hookCode((address, size) -> check(), after, after);
            added = true;
        }
        return added;
    }

    /** Looks through the current tables; stops the run at the first mapping the bench cannot run. */
    void check() {
        if (!memory.pagingEnabled()) return;
        String[] conflict = {null};
        PageMappings.forEach(uc.reg(X86.CR3), uc.reg(X86.CR4), uc.msr(X86.MSR_EFER), uc::read64, (virtual, physical, size) -> {
            if (conflict[0] != null || virtual == physical || !occupied(virtual, size)) return;
            conflict[0] = String.format("the page tables map virtual 0x%x-0x%x onto physical 0x%x, but Unicorn 2.0.1 runs"
                    + " those virtual addresses as physical ones and the bench has RAM or a device there (see README)",
                    virtual, virtual + size - 1, physical);
        });
        if (conflict[0] != null) stop.accept(new StopReason.EmulatorError(conflict[0]));
    }

    private boolean occupied(long virtual, long size) {
        if (memory.overlapsRam(virtual, size)) return true;
        for (long[] r : fixed) if (Long.compareUnsigned(virtual, r[1]) < 0 && Long.compareUnsigned(r[0], virtual + size) < 0) return true;
        return false;
    }
}
