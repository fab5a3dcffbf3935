package micros.crosscheck;

import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.frames.FrameAllocator;
import micros.kernel.BootInformation;
import micros.kernel.CornerMaps;
import micros.kernel.FreeRegions;
import micros.kernel.RandomMachines;
import micros.multiboot2.PlacedModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's free-region arithmetic compiled and run in the bench agrees with the same Java on the JVM,
 * on the random machines of the kernel's own property (FreeRegionsTest): the boot information parsed, the
 * kernel's ranges reserved, the free regions computed and pages taken from them — the same results, the
 * same region lists (static arrays), the same console. The information lies at {@link #INFO} in the bench
 * (its 256 MiB cannot hold a machine's own addresses); the ranges reserved are the machine's.
 */
class FreeRegionsDifferentialTest {
    static final long INFO = 0x200_0000, ALLOC = 0x1000;

    static Compiler.Result compiled;
    static SideBySide sides;
    static MethodRef parse, clear, reserve, compute, takePage, bytes;

    @BeforeContainer
    static void compile() {
        parse = KernelCalls.method(BootInformation.class, "parse");
        clear = KernelCalls.method(FreeRegions.class, "clear");
        reserve = KernelCalls.method(FreeRegions.class, "reserve");
        compute = KernelCalls.method(FreeRegions.class, "compute");
        takePage = KernelCalls.method(FreeRegions.class, "takePage");
        bytes = KernelCalls.method(FreeRegions.class, "bytes");
        compiled = KernelCalls.compile(List.of(parse, clear, reserve, compute, takePage, bytes));
        sides = KernelCalls.sides(compiled);
    }

    @AfterContainer
    static void close() { if (sides != null) sides.close(); }

    @Provide
    Arbitrary<RandomMachines.Machine> machines() { return RandomMachines.machines(RandomMachines.Space.JVM); }

    /** Tries: jqwik.tries.default, 200 in the suite, N with ./micros test --campaign N (crosscheck/pom.xml). */
    @Property
    void compiledRegionArithmeticAgreesWithTheJvm(@ForAll("machines") RandomMachines.Machine m, @ForAll @IntRange(max = 3) int pages) {
        run(sides, m, pages);
    }

    @Provide
    Arbitrary<CornerMaps.Layout> layouts() { return CornerMaps.layouts(); }

    /** The corners (overlaps, empty entries, edges off the grid, near 2^63 and 2^64), ascending maps swept, others scanned. */
    @Property
    void compiledArithmeticAgreesOnTheCorners(@ForAll("layouts") CornerMaps.Layout layout, @ForAll @IntRange(max = 3) int pages) {
        sides.write(INFO, layout.info());
        KernelCalls calls = new KernelCalls(sides).call(parse, INFO).call(clear);
        for (long[] r : layout.reserved()) calls.call(reserve, r[0], r[1]);
        calls.call(compute);
        for (int i = 0; i < pages; i++) calls.call(takePage);
        calls.call(bytes);
    }

    /** Parses the machine's information, reserves what the kernel would, computes, takes pages. */
    static void run(SideBySide on, RandomMachines.Machine m, int pages) {
        byte[] info = m.bootInformation().bytes();
        on.write(INFO, info);
        KernelCalls calls = new KernelCalls(on).call(parse, INFO).call(clear);
        calls.call(reserve, m.kernelStart(), m.kernelEnd()).call(reserve, m.infoAddress(), m.infoAddress() + info.length);
        for (PlacedModule mod : m.placedModules()) calls.call(reserve, mod.start(), mod.end());
        calls.call(reserve, m.framebuffer().address(), m.framebuffer().address() + m.framebuffer().size()).call(reserve, ALLOC, ALLOC + FrameAllocator.SIZE);
        calls.call(compute);
        for (int i = 0; i < pages; i++) calls.call(takePage);
        calls.call(bytes);
    }

    /** Without the store of a region's end (the second array store in FreeRegions.add) the region lists differ. */
    @Example
    void aDroppedRegionEndFails() {
        int[] stores = {0};
        Miscompilation.Dropped dropped = Miscompilation.drop(compiled, KernelCalls.method(FreeRegions.class, "add"),
                t -> t.matches("mov qword ptr \\[r[0-9a-z]+ \\+ r[0-9a-z]+\\*8\\], r.*") && ++stores[0] == 2);
        RandomMachines.Machine m = RandomMachines.build(RandomMachines.Space.JVM, 256L << 20, false, 1, "");
        try (SideBySide miscompiled = KernelCalls.sides(dropped.compiled())) {
            AssertionError e = assertThrows(AssertionError.class, () -> run(miscompiled, m, 0));
            assertTrue(e.getMessage().contains("after FreeRegions.compute") && e.getMessage().contains("FreeRegions.end[0]: jvm "),
                    "dropped " + dropped.instruction() + ": " + e.getMessage());
        }
    }
}
