package micros.bench.machine;

import micros.bench.disasm.Disassembler;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Writes one line per executed instruction: address, symbol+offset, bytes, disassembly, and the registers
 * it changed (seen at the next instruction). What keeps it fast enough to leave on:
 * <ul>
 * <li>the line up to the disassembly is the same every time an address runs: it is cached as bytes;
 * <li>lines are encoded straight into a byte buffer (ASCII), no chars, no Writer;
 * <li>after each instruction only the registers it can have changed are read, in one batched read
 *     ({@link #reads}): for the common instructions Capstone describes fully (mov, add, push, jcc...) the
 *     ones Capstone says they write, for other instructions the 16 GPRs and RFLAGS, and everything
 *     (CR0/CR3/CR4/CS/SS too) after instructions that can change those ({@link #changesSystemState})
 *     and after the machine stopped (the bench delivers interrupts between runs).
 * </ul>
 * Reading every register everywhere ({@code exhaustive}) gives the same trace, only slower: TraceTest compares.
 */
final class Tracer {
    private static final String[] NAMES = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11",
        "r12", "r13", "r14", "r15", "rflags", "cr0", "cr3", "cr4", "cs", "ss"};
    private static final int[] IDS = {X86.RAX, X86.RBX, X86.RCX, X86.RDX, X86.RSI, X86.RDI, X86.RBP, X86.RSP, X86.R8, X86.R9,
        X86.R10, X86.R11, X86.R12, X86.R13, X86.R14, X86.R15, X86.EFLAGS, X86.CR0, X86.CR3, X86.CR4, X86.CS, X86.SS};
    /** The first {@code GENERAL} of {@link #IDS}: the GPRs and RFLAGS. */
    private static final int GENERAL = 17;
    /** Capstone's register names (any width) to their index in {@link #IDS}. */
    private static final java.util.Map<String, Integer> INDEX = new java.util.HashMap<>();
    static {
        String[][] names = {{"rax", "eax", "ax", "al", "ah"}, {"rbx", "ebx", "bx", "bl", "bh"}, {"rcx", "ecx", "cx", "cl", "ch"},
            {"rdx", "edx", "dx", "dl", "dh"}, {"rsi", "esi", "si", "sil"}, {"rdi", "edi", "di", "dil"}, {"rbp", "ebp", "bp", "bpl"},
            {"rsp", "esp", "sp", "spl"}};
        for (int i = 0; i < names.length; i++) for (String n : names[i]) INDEX.put(n, i);
        for (int r = 8; r <= 15; r++) for (String suffix : new String[] {"", "d", "w", "b"}) INDEX.put("r" + r + suffix, r);
        for (String n : new String[] {"rflags", "eflags", "flags"}) INDEX.put(n, 16);
        for (int i = GENERAL; i < NAMES.length; i++) INDEX.put(NAMES[i], i);
    }
    /** Instructions whose written registers Capstone 4 lists completely (checked one by one; xadd, cmpxchg, cli... are not). */
    private static final java.util.Set<String> DESCRIBED = java.util.Set.of("mov", "movabs", "movzx", "movsx", "movsxd", "lea",
        "add", "sub", "and", "or", "xor", "inc", "dec", "neg", "not", "cmp", "test", "shl", "shr", "sar", "rol", "ror",
        "imul", "mul", "push", "pop", "call", "ret", "jmp", "nop", "xchg");
    private static final byte[][] LABELS = new byte[NAMES.length][];
    static {
        for (int i = 0; i < NAMES.length; i++) LABELS[i] = (NAMES[i] + "=").getBytes(StandardCharsets.US_ASCII);
    }
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = "  ;".getBytes(StandardCharsets.US_ASCII);

    private final Machine machine;
    private final OutputStream out;
    private final Unicorn.RegisterBatch all;
    private final boolean exhaustive;
    private final long[] before = new long[IDS.length], now = new long[IDS.length];
    /** Output not yet written to {@link #out}: finished lines, then the current line's prefix. */
    private byte[] buffer = new byte[1 << 16];
    private int length;
    private boolean pending;
    /** What to read at the next instruction, for the current one; null: every register and the decode width. */
    private Reads next;
    private int bits;

    /** Some of the registers, in one batched read: the batch and where its values go in {@link #now}. */
    private record Reads(Unicorn.RegisterBatch batch, int[] indexes, long[] values) {
        void into(long[] now) {
            if (indexes.length == 0) return;
            batch.read(values);
            for (int i = 0; i < indexes.length; i++) now[indexes[i]] = values[i];
        }
    }

    /** One {@link Reads} per set of registers (a bit per index in {@link #IDS}). */
    private final java.util.Map<Integer, Reads> readsBySet = new java.util.HashMap<>();

    private static final int CACHE = 1 << 14;
    private final long[] cachedKeys = new long[CACHE];
    private final byte[][] cachedPrefixes = new byte[CACHE][];
    private final Reads[] cachedReads = new Reads[CACHE];

    /** {@code exhaustive}: read every register after every instruction (slow; to check the selection). */
    Tracer(Machine machine, OutputStream out, boolean exhaustive) {
        this.machine = machine;
        this.out = out;
        this.exhaustive = exhaustive;
        this.all = machine.engine().batch(IDS);
    }

    /** Called before each instruction: finishes the previous line with what changed, starts this one. */
    void step(long address, int size, Disassembler disassembler) {
        if (next == null || exhaustive) all.read(now);
        else next.into(now); // the others keep the values read last, unchanged since
        if (next == null) bits = machine.mode(); // the decode width follows CS and the descriptor it selects
        if (pending) finishLine();
        System.arraycopy(now, 0, before, 0, now.length);
        // A direct-mapped cache of line prefixes: no boxing on the per-instruction path.
        long key = bits == 64 ? address : ~address;
        int slot = (int) (key ^ (key >>> 17)) & (CACHE - 1);
        if (cachedKeys[slot] != key || cachedPrefixes[slot] == null) {
            byte[] code = code(address, size, disassembler);
            Disassembler.Insn insn = disassembler.decode(bits, address, code);
            cachedKeys[slot] = key;
            cachedPrefixes[slot] = prefix(address, code, insn);
            cachedReads[slot] = reads(insn, code, disassembler);
        }
        append(cachedPrefixes[slot]);
        next = cachedReads[slot];
        pending = true;
    }

    /** What to read after {@code insn} ran: null for everything. */
    private Reads reads(Disassembler.Insn insn, byte[] code, Disassembler disassembler) {
        if (changesSystemState(insn)) return null;
        int set = (1 << GENERAL) - 1;
        String m = insn.mnemonic();
        if (DESCRIBED.contains(m) || m.startsWith("j") || m.startsWith("cmov") || m.startsWith("set")) {
            set = 0;
            for (String name : disassembler.writtenRegisters(bits, insn.address(), code)) {
                Integer i = INDEX.get(name);
                if (i != null) set |= 1 << i;
            }
        }
        return readsBySet.computeIfAbsent(set, s -> {
            int[] indexes = java.util.stream.IntStream.range(0, IDS.length).filter(i -> (s & 1 << i) != 0).toArray();
            int[] ids = java.util.Arrays.stream(indexes).map(i -> IDS[i]).toArray();
            return new Reads(indexes.length == 0 ? null : machine.engine().batch(ids), indexes, new long[indexes.length]);
        });
    }

    /**
     * The instruction's bytes. For an instruction it cannot run (ud2, an invalid opcode) Unicorn's hook gets
     * size 0xF1F1F1F1: then Capstone's length of what is there, or one byte.
     */
    private byte[] code(long address, int size, Disassembler disassembler) {
        if (size >= 1 && size <= 15) return machine.readVirtual(address, size);
        byte[] window;
        try { window = machine.readVirtual(address, 15); } catch (micros.bench.unicorn.UnicornException e) { window = machine.readVirtual(address, 1); }
        Disassembler.Insn insn = disassembler.decodeAll(bits, address, window).stream().findFirst().orElse(null);
        return java.util.Arrays.copyOf(window, insn == null ? 1 : insn.size());
    }

    /** Address, symbol, bytes and disassembly of one instruction: the same every time it runs. */
    private byte[] prefix(long address, byte[] code, Disassembler.Insn insn) {
        String sym = machine.symbols().describe(address);
        return String.format("%016x %-32s %-30s %s", address, sym.isEmpty() ? "" : "<" + sym + ">",
                HexFormat.ofDelimiter(" ").formatHex(code), insn == null ? "(invalid)" : insn.text()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Instructions that may change CR0, CR3, CR4, CS or SS, or what CS selects (so the decode width): far jumps,
     * calls and returns, iret, software interrupts, syscall/sysenter and their returns, writes of control
     * registers, SS and MSRs. Capstone's mnemonics; an instruction it cannot decode counts too.
     */
    static boolean changesSystemState(Disassembler.Insn insn) {
        if (insn == null) return true;
        return switch (insn.mnemonic()) {
            case "ljmp", "lcall", "retf", "retfq", "iret", "iretd", "iretq", "int", "int1", "int3", "into",
                 "syscall", "sysret", "sysenter", "sysexit", "lss", "lmsw", "clts", "rsm", "wrmsr" -> true;
            case "mov" -> insn.operands().startsWith("cr") || insn.operands().startsWith("ss,");
            case "pop" -> insn.operands().equals("ss");
            default -> false;
        };
    }

    private void finishLine() {
        ensure(NAMES.length * 24 + SEPARATOR.length + 1);
        byte[] b = buffer;
        int at = length;
        boolean first = true;
        for (int i = 0; i < IDS.length; i++) {
            long v = now[i];
            if (v == before[i]) continue;
            if (first) {
                System.arraycopy(SEPARATOR, 0, b, at, SEPARATOR.length);
                at += SEPARATOR.length;
                first = false;
            }
            b[at++] = ' ';
            byte[] label = LABELS[i];
            System.arraycopy(label, 0, b, at, label.length);
            at += label.length;
            int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
            for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) b[at++] = HEX[(int) (v >>> shift) & 15];
        }
        b[at++] = '\n';
        length = at;
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /** Room for {@code n} more bytes: writes out finished lines (all but the current one) when the buffer fills. */
    private void ensure(int n) {
        if (length + n <= buffer.length) return;
        int lineStart = length;
        while (lineStart > 0 && buffer[lineStart - 1] != '\n') lineStart--;
        write(lineStart);
        if (length + n > buffer.length) buffer = java.util.Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + n));
    }

    /** Writes the first {@code n} buffered bytes and keeps the rest. */
    private void write(int n) {
        try { out.write(buffer, 0, n); } catch (IOException e) { throw new UncheckedIOException(e); }
        System.arraycopy(buffer, n, buffer, 0, length - n);
        length -= n;
    }

    /** A line about what the bench did between instructions (a delivery, an emulated syscall), marked "--". */
    void note(String text) {
        append(("-- " + text + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** Ends the trace for this run: the last instruction's changes as the machine stopped, everything written out. */
    void finish() {
        next = null; // the bench may change registers before the next run (interrupt delivery)
        if (!pending) return;
        all.read(now);
        finishLine();
        pending = false;
        write(length);
        try { out.flush(); } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
