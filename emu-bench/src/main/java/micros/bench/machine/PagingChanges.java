package micros.bench.machine;

import micros.bench.disasm.Disassembler;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the bench must do when the guest changes its paging (a write of CR0, CR3 or CR4, or invlpg), because
 * Unicorn 2.0.1 uses a virtual address as the physical one and the bench maps other virtual pages itself
 * ({@link GuestMemory#aliasVirtualPage}):
 * <ul>
 * <li>drop those aliases, as the CPU drops TLB entries, so the next access follows the new tables;</li>
 * <li>look through the tables for a mapping the bench cannot run: an address where Unicorn already has RAM,
 * the framebuffer or the local APIC, pointed at other memory, which would silently read the wrong bytes.</li>
 * </ul>
 * Each such instruction gets a hook on the instruction after it (as {@link MsrInstructions} hooks rdmsr),
 * which does both (Unicorn takes unmapping inside a hook) and stops the run only for a mapping it refuses.
 */
final class PagingChanges {
    private final Unicorn uc;
    private final GuestMemory memory;
    private final long[][] fixed; // [start, end) of what else Unicorn maps at its own address
    private final Set<Long> hooked = new HashSet<>();
    private final Consumer<StopReason> stop;

    PagingChanges(Unicorn uc, GuestMemory memory, Framebuffer fb, Consumer<StopReason> stop) {
        this.uc = uc;
        this.memory = memory;
        this.stop = stop;
        this.fixed = new long[][] {{fb.address(), fb.address() + fb.size()}, {LocalApic.DEFAULT_BASE, LocalApic.DEFAULT_BASE + 4096}};
    }

    /** Hooks the instruction after each paging change in the block; true if there were new ones. */
    boolean hookNew(List<Disassembler.Insn> block) {
        boolean added = false;
        for (Disassembler.Insn i : block) {
            String ops = i.operands();
            boolean change = i.mnemonic().equals("invlpg")
                    || i.mnemonic().equals("mov") && (ops.startsWith("cr0,") || ops.startsWith("cr3,") || ops.startsWith("cr4,"));
            long after = i.address() + i.size();
            if (!change || !hooked.add(after)) continue;
            uc.hookCode((address, size) -> {
                StopReason refused = apply();
                if (refused != null) stop.accept(refused);
            }, after, after);
            added = true;
        }
        return added;
    }

    /** Drops the aliases and checks the tables: a stop reason naming a mapping the bench cannot run, or null. */
    StopReason apply() {
        memory.dropAliases();
        if (!memory.pagingEnabled()) return null;
        String[] conflict = {null};
        PageMappings.forEach(uc.reg(X86.CR3), uc.reg(X86.CR4), uc.msr(X86.MSR_EFER), uc::read64, (virtual, physical, size) -> {
            if (conflict[0] != null || virtual == physical || !occupied(virtual, size)) return;
            conflict[0] = String.format("the page tables map virtual 0x%x-0x%x onto physical 0x%x, but Unicorn 2.0.1 runs"
                    + " those virtual addresses as physical ones and the bench has RAM or a device there (see README)",
                    virtual, virtual + size - 1, physical);
        });
        return conflict[0] == null ? null : new StopReason.EmulatorError(conflict[0]);
    }

    private boolean occupied(long virtual, long size) {
        if (memory.overlapsRam(virtual, size)) return true;
        for (long[] r : fixed) if (Long.compareUnsigned(virtual, r[1]) < 0 && Long.compareUnsigned(r[0], virtual + size) < 0) return true;
        return false;
    }
}
