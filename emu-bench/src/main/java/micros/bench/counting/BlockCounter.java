package micros.bench.counting;

import micros.asm.Assembler;
import micros.asm.Cond;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static micros.asm.Gpr.R8;
import static micros.asm.Gpr.R9;
import static micros.asm.Gpr.RAX;
import static micros.asm.Gpr.RCX;
import static micros.asm.Gpr.RSI;
import static micros.asm.Operands.imm;
import static micros.asm.Operands.mem;
import static micros.asm.Operands.qword;

/**
 * Counts executed instructions in native code: a Unicorn block hook, assembled by the project's own
 * assembler, that looks the block's address up in a table of instruction counts and adds its count,
 * with no Java upcall. A block it does not know, or one that would take the count past a limit (the
 * next timer event, the end of a budget), goes to a slow path instead: the Java hook, which counts it
 * itself, decides what to do, and teaches this table the blocks it has decoded.
 *
 * <p>The hook's data, handed to it as Unicorn's {@code user_data}: the count, the limit, the slow path's
 * address, then an open-addressing table of {key = block address + 1, instructions} pairs (0: empty).
 * The slow path is entered by a tail jump, so it sees the hook's own arguments.
 */
public final class BlockCounter implements AutoCloseable {
    private static final long EXECUTED = 0, LIMIT = 8, SLOW_PATH = 16, TABLE = 64;
    private static final int BITS = 15, ENTRIES = 1 << BITS, ENTRY = 16;
    /** Fibonacci hashing: the multiplier is 2^64 divided by the golden ratio. */
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment data = arena.allocate(TABLE + (long) ENTRIES * ENTRY, 64);
    private final ExecutableMemory code = new ExecutableMemory(hook());
    private int known;

    /** {@code slowPath}: a block hook with Unicorn's signature, called for what the table cannot decide. */
    public BlockCounter(MemorySegment slowPath) {
        data.set(ADDRESS, SLOW_PATH, slowPath);
        setLimit(Long.MAX_VALUE);
    }

    /** The hook to add as Unicorn's block hook, with {@link #userData} as its data. */
    public MemorySegment callback() { return code.entry(); }

    public MemorySegment userData() { return data; }

    /** Instructions counted so far (by the native hook and by {@link #add}). */
    public long executed() { return data.get(JAVA_LONG, EXECUTED); }

    public void add(long instructions) { data.set(JAVA_LONG, EXECUTED, executed() + instructions); }

    /** A block that would take the count above {@code limit} goes to the slow path (uncounted); a negative limit sends every block there. */
    public void setLimit(long limit) { data.set(JAVA_LONG, LIMIT, limit); }

    /** Teaches the table that the block at {@code address} has {@code instructions}; false when the table is half full (the block stays slow). */
    public boolean learn(long address, int instructions) {
        if (address == -1L || instructions < 1) throw new IllegalArgumentException("block at 0x" + Long.toHexString(address) + " with " + instructions + " instructions");
        long key = address + 1;
        for (long slot = slot(address); ; slot = (slot + 1) & (ENTRIES - 1)) {
            long at = TABLE + slot * ENTRY, k = data.get(JAVA_LONG, at);
            if (k == key) {
                data.set(JAVA_LONG, at + 8, instructions);
                return true;
            }
            if (k == 0) {
                if (2 * (known + 1) > ENTRIES) return false;
                data.set(JAVA_LONG, at + 8, instructions);
                data.set(JAVA_LONG, at, key);
                known++;
                return true;
            }
        }
    }

    private static long slot(long address) { return (address * GOLDEN) >>> (64 - BITS); }

    /**
     * The hook, System V: rdi = engine, rsi = block address, edx = block size, rcx = {@link #userData}.
     * Only rax, r8 and r9 are used (caller-saved), and the registers the slow path needs are left alone.
     */
    private static byte[] hook() {
        Assembler a = new Assembler();
        a.mov(RAX, imm(GOLDEN)).imul(RAX, RSI).shr(RAX, imm(64 - BITS)).shl(RAX, imm(4)); // the home slot's offset
        a.lea(R8, mem(RSI, 1)); // the key
        a.label("probe");
        a.mov(R9, qword(RCX, RAX, 1, TABLE)).cmp(R9, R8).jcc(Cond.E, "hit");
        a.test(R9, R9).jcc(Cond.E, "slow");
        a.add(RAX, imm(ENTRY)).and(RAX, imm((long) ENTRIES * ENTRY - 1)).jmp("probe");
        a.label("hit");
        a.mov(R9, qword(RCX, RAX, 1, TABLE + 8)).add(R9, qword(RCX, EXECUTED));
        a.cmp(R9, qword(RCX, LIMIT)).jcc(Cond.G, "slow");
        a.mov(qword(RCX, EXECUTED), R9).ret();
        a.label("slow");
        a.jmp(qword(RCX, SLOW_PATH));
        return a.finish().section(".text").bytes();
    }

    @Override public void close() {
        code.close();
        arena.close();
    }
}
