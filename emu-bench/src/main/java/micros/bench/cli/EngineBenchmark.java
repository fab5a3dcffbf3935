package micros.bench.cli;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.bench.counting.BlockCounter;
import micros.bench.disasm.Disassembler;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.dword;
import static micros.asm.Operands.imm;

/**
 * The Unicorn library this JVM loaded, alone, on the loop kernel's two loops (a two-instruction loop,
 * then a ten-instruction one with memory traffic): with no hook, with the bench's native block counter,
 * and with a Java upcall on every block, each checked to count every instruction. It measures the Unicorn
 * the project's cache names ({@code MICROS_CACHE}); {@code ./micros bench} runs it once per Unicorn at hand.
 */
public final class EngineBenchmark {
    static final long TIGHT_TURNS = 60_000_000L, MEMORY_TURNS = 6_000_000L;
    static final long INSTRUCTIONS = 2 + 2 * TIGHT_TURNS + 4 + 10 * MEMORY_TURNS;
    static final long CODE = 0x1000, DATA = 0x10_0000;

    enum Hook { NONE, NATIVE_COUNTER, JAVA_BLOCK_HOOK }

    public static void main(String[] args) throws Exception {
        String label = "Unicorn " + Unicorn.VERSION_TEXT + " (" + Unicorn.library().library() + ")";
        System.out.printf("  %s%n    raw %5.0f, native block counter %5.0f, Java block hook %4.0f M instructions/s%n", label,
                BenchmarkCommand.best(() -> loop(Hook.NONE)), BenchmarkCommand.best(() -> loop(Hook.NATIVE_COUNTER)),
                BenchmarkCommand.best(() -> loop(Hook.JAVA_BLOCK_HOOK)));
    }

    /** M instructions/s for one run of {@link #code} with {@code hook}. */
    static double loop(Hook hook) {
        byte[] code = code();
        try (Unicorn uc = Unicorn.open(); Disassembler dis = new Disassembler()) {
            uc.map(CODE, 0x1000, X86.PROT_ALL);
            uc.map(DATA, 0x1000, X86.PROT_READ | X86.PROT_WRITE);
            uc.write(CODE, code);
            long[] javaCount = {0};
            BlockCounter counter = null;
            if (hook == Hook.JAVA_BLOCK_HOOK) {
                java.util.Map<Long, Integer> sizes = new java.util.HashMap<>();
                uc.hookBlock((address, size) -> javaCount[0] += sizes.computeIfAbsent(address, a -> dis.decodeAll(64, a, uc.read(a, size)).size()), 1, 0);
            } else if (hook == Hook.NATIVE_COUNTER) {
                BlockCounter[] c = new BlockCounter[1];
                c[0] = counter = new BlockCounter(uc.codeHookEntry((address, size) -> { // the slow path: learn the block, count it once
                    int n = dis.decodeAll(64, address, uc.read(address, size)).size();
                    c[0].learn(address, n);
                    c[0].add(n);
                }));
                uc.hookBlock(counter.callback(), counter.userData());
            }
            try {
                long t0 = System.nanoTime();
                uc.start(CODE, CODE + code.length, 0);
                double s = (System.nanoTime() - t0) / 1e9;
                long counted = hook == Hook.NONE ? INSTRUCTIONS : hook == Hook.JAVA_BLOCK_HOOK ? javaCount[0] : counter.executed();
                if (counted != INSTRUCTIONS) throw new IllegalStateException(hook + " counted " + counted + " instructions, not " + INSTRUCTIONS);
                return INSTRUCTIONS / s / 1e6;
            } finally {
                if (counter != null) counter.close();
            }
        }
    }

    /** The two loops of the loop kernel, flat 64-bit code at {@link #CODE} with its data at {@link #DATA}. */
    static byte[] code() {
        Assembler a = new Assembler();
        a.mov(ECX, imm(TIGHT_TURNS)).xor(EAX, EAX);
        a.label("tight").dec(ECX).jcc(Cond.NE, "tight");
        a.mov(ECX, imm(MEMORY_TURNS)).mov(R8D, imm(DATA)).xor(R9D, R9D).xor(EAX, EAX);
        a.label("memory").mov(EDX, ECX).and(EDX, imm(1023));
        a.add(EAX, dword(R8, RDX, 4, 0)).mov(dword(R8, RDX, 4, 0), EAX);
        a.rol(EAX, imm(3)).xor(EAX, ECX).add(EAX, imm(7)).inc(R9D);
        a.sub(ECX, imm(1)).jcc(Cond.NE, "memory");
        return a.finish().section(".text").bytes();
    }
}
