package micros.bench.machine;

import micros.bench.disasm.Disassembler;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HexFormat;

/**
 * Writes one line per executed instruction: address, symbol+offset, bytes, disassembly, and the registers
 * it changed (seen at the next instruction). Registers come in one batched read per instruction and the
 * disassembly is cached per address, which is what makes tracing fast enough to leave on.
 */
final class Tracer {
    private static final String[] NAMES = {"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11",
        "r12", "r13", "r14", "r15", "rflags", "cr0", "cr3", "cr4", "cs", "ss"};
    private static final int[] IDS = {X86.RAX, X86.RBX, X86.RCX, X86.RDX, X86.RSI, X86.RDI, X86.RBP, X86.RSP, X86.R8, X86.R9,
        X86.R10, X86.R11, X86.R12, X86.R13, X86.R14, X86.R15, X86.EFLAGS, X86.CR0, X86.CR3, X86.CR4, X86.CS, X86.SS};

    private final Machine machine;
    private final Writer out;
    private final Unicorn.RegisterBatch batch;
    private final long[] before = new long[IDS.length], now = new long[IDS.length];
    private final StringBuilder line = new StringBuilder(160);
    private boolean pending;
    private static final int CACHE = 1 << 14;
    private final long[] cachedKeys = new long[CACHE];
    private final String[] cachedPrefixes = new String[CACHE];

    Tracer(Machine machine, Writer out) {
        this.machine = machine;
        this.out = out;
        this.batch = machine.engine().batch(IDS);
        batch.read(before);
    }

    private long lastCs = -1;
    private int bits;

    /** Called before each instruction: finishes the previous line with what changed, starts this one. */
    void step(long address, int size, Disassembler disassembler) {
        batch.read(now);
        if (now[20] != lastCs) { lastCs = now[20]; bits = machine.mode(); } // decode width follows CS
        if (pending) finishLine();
        System.arraycopy(now, 0, before, 0, now.length);
        line.setLength(0);
        // A direct-mapped cache of line prefixes: no boxing on the per-instruction path.
        long key = bits == 64 ? address : ~address;
        int slot = (int) (key ^ (key >>> 17)) & (CACHE - 1);
        if (cachedKeys[slot] != key || cachedPrefixes[slot] == null) {
            cachedKeys[slot] = key;
            cachedPrefixes[slot] = prefix(address, size, disassembler);
        }
        line.append(cachedPrefixes[slot]);
        pending = true;
    }

    /** Address, symbol, bytes and disassembly of one instruction: the same every time it runs. */
    private String prefix(long address, int size, Disassembler disassembler) {
        String sym = machine.symbols().describe(address);
        byte[] code = machine.engine().read(address, size);
        Disassembler.Insn insn = disassembler.decode(bits, address, code);
        return String.format("%016x %-32s %-30s %s", address, sym.isEmpty() ? "" : "<" + sym + ">",
                HexFormat.ofDelimiter(" ").formatHex(code), insn == null ? "(invalid)" : insn.text());
    }

    private void finishLine() {
        String sep = "  ; ";
        for (int i = 0; i < IDS.length; i++) {
            if (now[i] == before[i]) continue;
            line.append(sep).append(NAMES[i]).append('=');
            appendHex(now[i]);
            sep = " ";
        }
        write(line.append('\n'));
    }

    private void appendHex(long v) {
        int digits = Math.max(1, (67 - Long.numberOfLeadingZeros(v)) / 4);
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) line.append(HEX[(int) (v >>> shift) & 15]);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Ends the trace: the last instruction's changes as the machine stopped. */
    void finish() {
        if (!pending) return;
        batch.read(now);
        finishLine();
        pending = false;
        try { out.flush(); } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    private void write(CharSequence s) {
        try { out.append(s); } catch (IOException e) { throw new UncheckedIOException(e); }
    }
}
