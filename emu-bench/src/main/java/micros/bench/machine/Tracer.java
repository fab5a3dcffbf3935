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
 * <li>one batched read of the 16 GPRs and RFLAGS per instruction; CR0/CR3/CR4/CS/SS only after the
 *     instructions that can change them ({@link #changesSystemState}) and after the machine stopped
 *     (the bench delivers interrupts between runs).
 * </ul>
 */
final class Tracer {
    private static final String[] NAMES = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11",
        "r12", "r13", "r14", "r15", "rflags", "cr0", "cr3", "cr4", "cs", "ss"};
    private static final int[] IDS = {X86.RAX, X86.RBX, X86.RCX, X86.RDX, X86.RSI, X86.RDI, X86.RBP, X86.RSP, X86.R8, X86.R9,
        X86.R10, X86.R11, X86.R12, X86.R13, X86.R14, X86.R15, X86.EFLAGS, X86.CR0, X86.CR3, X86.CR4, X86.CS, X86.SS};
    /** The first {@code GENERAL} of {@link #IDS} are read at every instruction, the rest only when they may have changed. */
    private static final int GENERAL = 17;
    private static final byte[][] LABELS = new byte[NAMES.length][];
    static {
        for (int i = 0; i < NAMES.length; i++) LABELS[i] = (NAMES[i] + "=").getBytes(StandardCharsets.US_ASCII);
    }
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEPARATOR = "  ;".getBytes(StandardCharsets.US_ASCII);

    private final Machine machine;
    private final OutputStream out;
    private final Unicorn.RegisterBatch all, general;
    private final long[] before = new long[IDS.length], now = new long[IDS.length];
    /** Output not yet written to {@link #out}: finished lines, then the current line's prefix. */
    private byte[] buffer = new byte[1 << 16];
    private int length;
    private boolean pending;
    /** Whether the next instruction must read every register (and the decode width): after a system instruction or a stop. */
    private boolean readAll = true;
    private int bits;

    private static final int CACHE = 1 << 14;
    private final long[] cachedKeys = new long[CACHE];
    private final byte[][] cachedPrefixes = new byte[CACHE][];
    private final boolean[] cachedSystem = new boolean[CACHE];

    Tracer(Machine machine, OutputStream out) {
        this.machine = machine;
        this.out = out;
        this.all = machine.engine().batch(IDS);
        this.general = machine.engine().batch(java.util.Arrays.copyOf(IDS, GENERAL));
    }

    /** Called before each instruction: finishes the previous line with what changed, starts this one. */
    void step(long address, int size, Disassembler disassembler) {
        if (readAll) {
            all.read(now);
            bits = machine.mode(); // the decode width follows CS and the descriptor it selects
        } else {
            general.read(now); // now[GENERAL..] keep the values read last, unchanged since
        }
        if (pending) finishLine();
        System.arraycopy(now, 0, before, 0, now.length);
        // A direct-mapped cache of line prefixes: no boxing on the per-instruction path.
        long key = bits == 64 ? address : ~address;
        int slot = (int) (key ^ (key >>> 17)) & (CACHE - 1);
        if (cachedKeys[slot] != key || cachedPrefixes[slot] == null) {
            byte[] code = machine.engine().read(address, size);
            Disassembler.Insn insn = disassembler.decode(bits, address, code);
            cachedKeys[slot] = key;
            cachedPrefixes[slot] = prefix(address, code, insn);
            cachedSystem[slot] = changesSystemState(insn);
        }
        append(cachedPrefixes[slot]);
        readAll = cachedSystem[slot];
        pending = true;
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

    /** Ends the trace for this run: the last instruction's changes as the machine stopped, everything written out. */
    void finish() {
        readAll = true; // the bench may change registers before the next run (interrupt delivery)
        if (!pending) return;
        all.read(now);
        finishLine();
        pending = false;
        write(length);
        try { out.flush(); } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
