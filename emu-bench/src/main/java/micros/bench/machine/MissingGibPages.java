package micros.bench.machine;

import micros.bench.disasm.Disassembler;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PDPT entries with PS set on a CPU model without 1 GiB pages (qemu64). PS is reserved there, so a CPU takes
 * a #PF with P|RSVD at the first access through such an entry (SDM 4.5); Unicorn 2.1.4, like QEMU 7.2's TCG,
 * runs it as a 1 GiB page (gib-page.elf). So the bench looks for such entries after each paging change (the
 * instruction after a write of CR0, CR3 or CR4 or an invlpg gets a code hook, as MsrInstructions hooks rdmsr)
 * and, while any is mapped, checks each instruction's fetch, memory operands and stack access against them
 * before it runs, raising the #PF itself. Nothing of this runs on a model with 1 GiB pages.
 */
final class MissingGibPages {
    private static final long GIB = 1L << 30;
    private static final Map<String, Integer> REGISTERS = Map.ofEntries(Map.entry("rax", X86.RAX), Map.entry("rbx", X86.RBX),
            Map.entry("rcx", X86.RCX), Map.entry("rdx", X86.RDX), Map.entry("rsi", X86.RSI), Map.entry("rdi", X86.RDI),
            Map.entry("rbp", X86.RBP), Map.entry("rsp", X86.RSP), Map.entry("r8", X86.R8), Map.entry("r9", X86.R9),
            Map.entry("r10", X86.R10), Map.entry("r11", X86.R11), Map.entry("r12", X86.R12), Map.entry("r13", X86.R13),
            Map.entry("r14", X86.R14), Map.entry("r15", X86.R15));
    private static final Set<String> PUSHES = Set.of("push", "pushfq", "call"), POPS = Set.of("pop", "popfq", "ret");

    private final Unicorn uc;
    private final Machine machine;
    private final Disassembler disassembler;
    private final InterruptDelivery delivery;
    private final boolean applies;
    private final Set<Long> hooked = new HashSet<>();
    /** The 1 GiB virtual ranges (their bases) mapped by a PS entry now, and as the checking hook knows them. */
    private Set<Long> found = Set.of(), checked = Set.of();
    private long everyInstruction = -1;

    MissingGibPages(Unicorn uc, Machine machine, Disassembler disassembler, InterruptDelivery delivery, CpuFeatures cpu) {
        this.uc = uc;
        this.machine = machine;
        this.disassembler = disassembler;
        this.delivery = delivery;
        this.applies = !cpu.gibPages();
    }

    /** Hooks the instruction after each paging change in the block; true if there were new ones. */
    boolean hookNew(List<Disassembler.Insn> block) {
        if (!applies) return false;
        boolean added = false;
        for (Disassembler.Insn i : block) {
            String ops = i.operands();
            boolean change = i.mnemonic().equals("invlpg")
                    || i.mnemonic().equals("mov") && (ops.startsWith("cr0,") || ops.startsWith("cr3,") || ops.startsWith("cr4,"));
            long after = i.address() + i.size();
            if (!change || !hooked.add(after)) continue;
            uc.hookCode((address, size) -> {
                found = scan();
                if (!found.equals(checked)) uc.stop(); // the machine installs or removes the check outside the hook
            }, after, after);
            added = true;
        }
        return added;
    }

    /** Whether the check must change before the run goes on. */
    boolean changed() { return !found.equals(checked); }

    /** Installs the per-instruction check while PS entries are mapped, removes it once none is. */
    void apply() {
        checked = found;
        if (!checked.isEmpty() && everyInstruction == -1) everyInstruction = uc.hookCode(this::check, 1, 0);
        else if (checked.isEmpty() && everyInstruction != -1) {
            uc.removeHook(everyInstruction);
            everyInstruction = -1;
        }
        uc.flushTranslations();
    }

    /** The bases of the 1 GiB ranges that present PDPT entries with PS map (4-level paging only). */
    private Set<Long> scan() {
        Set<Long> out = new HashSet<>();
        if ((uc.reg(X86.CR0) & X86Bits.CR0_PG) == 0 || (uc.msr(X86.MSR_EFER) & X86Bits.EFER_LMA) == 0) return out;
        ByteBuffer pml4 = table(uc.reg(X86.CR3) & X86Bits.PTE_ADDRESS);
        for (int i = 0; i < 512; i++) {
            long e = pml4.getLong(8 * i);
            if ((e & X86Bits.PTE_P) == 0) continue;
            ByteBuffer pdpt = table(e & X86Bits.PTE_ADDRESS);
            for (int j = 0; j < 512; j++) {
                long p = pdpt.getLong(8 * j);
                if ((p & X86Bits.PTE_P) != 0 && (p & X86Bits.PTE_PS) != 0) out.add(((long) i << 39 | (long) j << 30) << 16 >> 16);
            }
        }
        return out;
    }

    private ByteBuffer table(long physical) { return ByteBuffer.wrap(uc.read(physical, 4096)).order(ByteOrder.LITTLE_ENDIAN); }

    private boolean reserved(long virtual) { return checked.contains(virtual & -GIB); }

    /** Before each instruction: a #PF with RSVD for a fetch, operand or stack access through a PS entry. */
    private void check(long address, int size) {
        try {
            if (reserved(address)) {
                fault(address, false, true);
                return;
            }
            byte[] code = machine.readVirtual(address, Math.max(1, Math.min(15, size)));
            Disassembler.Insn insn = disassembler.decode(64, address, code);
            if (insn == null) return;
            long rsp = uc.reg(X86.RSP);
            if (PUSHES.contains(insn.mnemonic()) && reserved(rsp - 8)) fault(rsp - 8, true, false);
            else if (POPS.contains(insn.mnemonic()) && reserved(rsp)) fault(rsp, false, false);
            else for (Disassembler.MemoryOperand op : disassembler.memoryOperands(64, address, code)) {
                long ea = effectiveAddress(op, address + insn.size());
                if (reserved(ea)) {
                    fault(ea, op.writes() && !op.reads(), false);
                    return;
                }
            }
        } catch (RuntimeException e) {
            machine.failFromHook(e);
        }
    }

    private long effectiveAddress(Disassembler.MemoryOperand op, long next) {
        long ea = op.disp() + (op.index() == null ? 0 : value(op.index()) * op.scale());
        if ("rip".equals(op.base())) ea += next;
        else if (op.base() != null) ea += value(op.base());
        if ("fs".equals(op.segment())) ea += uc.reg(X86.FS_BASE);
        if ("gs".equals(op.segment())) ea += uc.reg(X86.GS_BASE);
        return ea;
    }

    private long value(String register) {
        Integer id = REGISTERS.get(register);
        if (id == null) throw new IllegalStateException("address register " + register + " is not a 64-bit one");
        return uc.reg(id);
    }

    private void fault(long address, boolean write, boolean fetch) {
        long error = X86Bits.PF_P | X86Bits.PF_RSVD | (write ? X86Bits.PF_W : 0) | (machine.cpl() == 3 ? X86Bits.PF_U : 0) | (fetch ? X86Bits.PF_I : 0);
        delivery.raise(14, error, address);
        uc.stop();
    }
}
