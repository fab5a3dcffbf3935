package micros.crosscheck;

import micros.asm.AssembledModule;
import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.ElfSymbol;
import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.frames.FrameAllocator;

import java.util.List;
import java.util.Map;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;

/**
 * Prints the compiler's figures: how long compiling the frame allocator takes, and for its hot paths the
 * instructions executed in the bench and the code bytes, beside hand-written assembly doing the same.
 */
public final class CompilerBenchmark {
    static final long ALLOC = 0x90000;

    public static void main(String[] args) {
        ClassSource source = new ClassSource(CompilerBenchmark.class.getClassLoader());
        List<String> names = List.of("init", "addRegion", "addFrame4k", "addFrame2m", "allocate4k", "allocate2m", "count4k");
        List<MethodRef> methods = names.stream().map(n -> Compiler.method(source, FrameAllocator.class.getName(), n)).toList();
        Compiler.compile(source, methods); // warm up the JVM once
        long t0 = System.nanoTime();
        Compiler.Result compiled = Compiler.compile(source, methods);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf("compiler: frame allocator (%d entry points, %d methods) compiled in %.0f ms%n", methods.size(), compiled.symbols().size(), ms);

        try (BenchRunner bench = new BenchRunner(compiled, List.of(handWritten()))) {
            Map<String, MethodRef> m = new java.util.HashMap<>();
            for (MethodRef r : methods) m.put(r.name(), r);
            System.out.println("instructions executed (bench) and code bytes, compiled vs hand-written:");
            // allocate4k from a non-empty 4 KiB list.
            bench.call(m.get("init"), ALLOC, 0);
            bench.call(m.get("addFrame4k"), ALLOC, 0x1000000);
            bench.call(m.get("addFrame4k"), ALLOC, 0x1001000);
            bench.call(m.get("allocate4k"), ALLOC);
            long compiled4k = bench.lastInstructions();
            bench.callSymbol("hand_allocate4k", ALLOC);
            long hand4k = bench.lastInstructions();
            row("allocate4k, pop", compiled4k, hand4k, bench, "micros.frames.FrameAllocator.allocate4k", "hand_allocate4k");
            // allocate4k splitting a 2 MiB frame.
            bench.call(m.get("init"), ALLOC, 0);
            bench.call(m.get("addFrame2m"), ALLOC, 0x1000000);
            bench.call(m.get("allocate4k"), ALLOC);
            long compiledSplit = bench.lastInstructions();
            bench.call(m.get("init"), ALLOC, 0);
            bench.call(m.get("addFrame2m"), ALLOC, 0x1000000);
            bench.callSymbol("hand_allocate4k", ALLOC);
            row("allocate4k, split 2 MiB", compiledSplit, bench.lastInstructions(), bench, null, null);
            // allocate2m from a non-empty list.
            bench.call(m.get("init"), ALLOC, 0);
            bench.call(m.get("addFrame2m"), ALLOC, 0x1000000);
            bench.call(m.get("addFrame2m"), ALLOC, 0x1200000);
            bench.call(m.get("allocate2m"), ALLOC);
            long compiled2m = bench.lastInstructions();
            bench.callSymbol("hand_allocate2m", ALLOC);
            row("allocate2m, pop", compiled2m, bench.lastInstructions(), bench, "micros.frames.FrameAllocator.allocate2m", "hand_allocate2m");
            // Adding a region of 1 GiB - 4 KiB (the bench has 256 MiB of RAM: the nodes must fit, so the region is
            // at 16 MiB and its frames' nodes land inside RAM only for the part below 256 MiB; the count covers the work).
            bench.call(m.get("init"), ALLOC, 0);
            bench.call(m.get("addRegion"), ALLOC, 0x1000000, 0x1000000 + (200L << 20) + 0x3000);
            System.out.printf("  %-28s %8d instructions (compiled; no hand-written version)%n", "addRegion, 200 MiB + 12 KiB", bench.lastInstructions());
        }
    }

    static void row(String what, long compiled, long hand, BenchRunner bench, String compiledSym, String handSym) {
        String bytes = compiledSym == null ? "" : String.format("   code %d vs %d bytes", size(bench, compiledSym), size(bench, handSym));
        System.out.printf("  %-28s %5d vs %5d instructions (%.2fx)%s%n", what, compiled, hand, (double) compiled / hand, bytes);
    }

    static long size(BenchRunner bench, String symbol) {
        return bench.image().symbols().stream().filter(s -> s.name().equals(symbol)).mapToLong(ElfSymbol::size).findFirst().orElse(-1);
    }

    /** The same hot paths written by hand: pop the list; on an empty 4 KiB list split a 2 MiB frame. */
    static AssembledModule handWritten() {
        Assembler a = new Assembler();
        a.align(16).global("hand_allocate4k").label("hand_allocate4k");
        a.cmp(dword(RDI), imm(0)).jcc(Cond.E, "hand.split");
        pop(a, 0);
        a.ret();
        a.label("hand.split");
        a.cmp(dword(RDI, 16), imm(0)).jcc(Cond.E, "hand.none");
        pop(a, 16);
        // Push the 511 other 4 KiB frames, highest first, so they come out lowest first.
        a.lea(RSI, mem(RAX, 0x1FF000));
        a.label("hand.push");
        a.mov(ECX, dword(RDI)).mov(dword(RSI), ECX).mov(RDX, qword(RDI, 8)).mov(qword(RSI, 8), RDX);
        a.mov(dword(RDI), imm(1)).mov(qword(RDI, 8), RSI);
        a.sub(RSI, imm(0x1000)).cmp(RSI, RAX).jcc(Cond.NE, "hand.push");
        a.ret();
        a.label("hand.none").xor(EAX, EAX).ret();
        a.align(16).global("hand_allocate2m").label("hand_allocate2m");
        a.cmp(dword(RDI, 16), imm(0)).jcc(Cond.E, "hand.none");
        pop(a, 16);
        a.ret();
        a.label("hand.end");
        return a.finish();
    }

    /** rax = the first frame of the list at rdi+head; the head takes over the frame's node. */
    static void pop(Assembler a, int head) {
        a.mov(RAX, qword(RDI, head + 8)).mov(ECX, dword(RAX)).mov(dword(RDI, head), ECX).mov(RDX, qword(RAX, 8)).mov(qword(RDI, head + 8), RDX);
    }
}
