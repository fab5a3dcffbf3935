package micros.bench.disasm;

import capstone.Capstone;

import java.util.HashMap;
import java.util.Map;

/**
 * Capstone disassembly of x86 code in 32- or 64-bit mode, cached per (mode, address) since kernels
 * run the same code again and again.
 */
public final class Disassembler implements AutoCloseable {
    /** One decoded instruction. */
    public record Insn(long address, int size, String mnemonic, String operands) {
        public String text() { return operands.isEmpty() ? mnemonic : mnemonic + " " + operands; }
    }

    private final Capstone cs32 = CapstoneLibrary.open(Capstone.CS_MODE_32);
    private final Capstone cs64 = CapstoneLibrary.open(Capstone.CS_MODE_64);
    private final Map<Long, Insn> cache32 = new HashMap<>();
    private final Map<Long, Insn> cache64 = new HashMap<>();

    /** Decodes the first instruction of {@code code} at {@code address}; null when it is not valid. */
    public Insn decode(int bits, long address, byte[] code) {
        Map<Long, Insn> cache = bits == 64 ? cache64 : cache32;
        Insn hit = cache.get(address);
        if (hit != null) return hit;
        Capstone.CsInsn[] insns = (bits == 64 ? cs64 : cs32).disasm(code, address, 1);
        if (insns == null || insns.length == 0) return null;
        Insn i = new Insn(address, insns[0].size, insns[0].mnemonic, insns[0].opStr);
        cache.put(address, i);
        return i;
    }

    private Capstone detailed32, detailed64;

    /**
     * The registers Capstone says the first instruction of {@code code} writes, explicit operands and implicit
     * ones ({@code eax}, {@code rflags}, ...; uncached). Capstone 4's implicit lists have gaps (cmpxchg, syscall,
     * cli): callers trust them only for instructions they know to be described fully.
     */
    public java.util.List<String> writtenRegisters(int bits, long address, byte[] code) {
        detailed();
        Capstone.CsInsn[] insns = (bits == 64 ? detailed64 : detailed32).disasm(code, address, 1);
        if (insns == null || insns.length == 0) return java.util.List.of();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (short r : insns[0].regsAccess().regsWrite) names.add(insns[0].regName(r));
        return names;
    }

    /** Whether an instruction reads and/or writes memory (explicit operands and the stack or string accesses it implies). */
    public record MemoryAccess(boolean reads, boolean writes) {}

    private static final java.util.Set<String> STACK_WRITES = java.util.Set.of("push", "pushfq", "pushfd", "pushf", "call", "enter");
    private static final java.util.Set<String> STACK_READS = java.util.Set.of("pop", "popfq", "popfd", "popf", "ret", "leave", "iretq", "iretd", "iret");

    /** The memory accesses of the first instruction of {@code code} (uncached; for page-fault error codes). */
    public MemoryAccess memoryAccess(int bits, long address, byte[] code) {
        detailed();
        Capstone.CsInsn[] insns = (bits == 64 ? detailed64 : detailed32).disasm(code, address, 1);
        if (insns == null || insns.length == 0) return new MemoryAccess(false, false);
        boolean reads = STACK_READS.contains(insns[0].mnemonic), writes = STACK_WRITES.contains(insns[0].mnemonic);
        if (insns[0].operands instanceof capstone.X86.OpInfo x86 && x86.op != null)
            for (capstone.X86.Operand op : x86.op) {
                if (op.type != capstone.X86_const.X86_OP_MEM || insns[0].mnemonic.equals("lea")) continue;
                reads |= (op.access & 1) != 0; // CS_AC_READ
                writes |= (op.access & 2) != 0; // CS_AC_WRITE
            }
        return new MemoryAccess(reads, writes);
    }

    /** A memory operand: {@code segment:[base + index * scale + disp]} (register names, null when absent). */
    public record MemoryOperand(String segment, String base, String index, int scale, long disp, boolean reads, boolean writes) {}

    /** The explicit memory operands of the first instruction of {@code code} (not lea's; uncached). */
    public java.util.List<MemoryOperand> memoryOperands(int bits, long address, byte[] code) {
        detailed();
        Capstone.CsInsn[] insns = (bits == 64 ? detailed64 : detailed32).disasm(code, address, 1);
        java.util.List<MemoryOperand> out = new java.util.ArrayList<>();
        if (insns == null || insns.length == 0 || insns[0].mnemonic.equals("lea") || !(insns[0].operands instanceof capstone.X86.OpInfo x86) || x86.op == null) return out;
        for (capstone.X86.Operand op : x86.op) {
            if (op.type != capstone.X86_const.X86_OP_MEM) continue;
            capstone.X86.MemType m = op.value.mem;
            out.add(new MemoryOperand(m.segment == 0 ? null : insns[0].regName(m.segment), m.base == 0 ? null : insns[0].regName(m.base),
                    m.index == 0 ? null : insns[0].regName(m.index), m.scale, m.disp, (op.access & 1) != 0, (op.access & 2) != 0));
        }
        return out;
    }

    private void detailed() {
        if (detailed32 != null) return;
        detailed32 = CapstoneLibrary.open(Capstone.CS_MODE_32);
        detailed64 = CapstoneLibrary.open(Capstone.CS_MODE_64);
        detailed32.setDetail(Capstone.CS_OPT_ON);
        detailed64.setDetail(Capstone.CS_OPT_ON);
    }

    /** Decodes all instructions of {@code code} (uncached). */
    public java.util.List<Insn> decodeAll(int bits, long address, byte[] code) {
        Capstone.CsInsn[] insns = (bits == 64 ? cs64 : cs32).disasm(code, address);
        java.util.List<Insn> out = new java.util.ArrayList<>();
        if (insns != null) for (Capstone.CsInsn c : insns) out.add(new Insn(c.address, c.size, c.mnemonic, c.opStr));
        return out;
    }

    /** The Capstone library in use and the version it reports, e.g. "4.0 (/path/libcapstone.so.4, Debian 4.0.2-5)". */
    public static String libraryVersion() {
        return CapstoneLibrary.version() + " (" + CapstoneLibrary.INSTALLED.library() + ", Debian " + CapstoneLibrary.INSTALLED.version() + ")";
    }

    @Override public void close() {
        cs32.close();
        cs64.close();
        if (detailed32 != null) {
            detailed32.close();
            detailed64.close();
        }
    }
}
