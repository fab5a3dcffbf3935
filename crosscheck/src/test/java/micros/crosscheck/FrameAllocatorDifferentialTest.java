package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.frames.FrameAllocator;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SparseMemory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The frame allocator compiled into the kernel and run in the bench agrees with the same Java on the JVM:
 * for random memory maps and operation sequences, the same results, the same structure, the same list nodes.
 */
class FrameAllocatorDifferentialTest {
    /** The structure in conventional memory; regions between 16 MiB and the top of the bench's RAM. */
    static final long ALLOC = 0x90000, LOW = 16L << 20, HIGH = BenchRunner.RAM - (1L << 20);
    static final List<String> OPERATIONS = List.of("allocate4k", "allocate2m", "count4k", "count2m");

    static ClassSource source;
    static Map<String, MethodRef> methods;
    static BenchRunner bench;

    record Scenario(boolean oneGiB, List<long[]> regions, List<String> operations) {
        @Override public String toString() {
            return "1G=" + oneGiB + " regions=" + regions.stream().map(r -> "[0x" + Long.toHexString(r[0]) + ", 0x" + Long.toHexString(r[1]) + ")").toList() + " ops=" + operations;
        }
    }

    @BeforeContainer
    static void compileTheAllocator() {
        source = new ClassSource(FrameAllocatorDifferentialTest.class.getClassLoader());
        List<String> names = new ArrayList<>(List.of("init", "addRegion"));
        names.addAll(OPERATIONS);
        methods = names.stream().collect(Collectors.toMap(Function.identity(), n -> Compiler.method(source, FrameAllocator.class.getName(), n)));
        bench = new BenchRunner(Compiler.compile(source, List.copyOf(methods.values())));
    }

    @AfterContainer
    static void close() { if (bench != null) bench.close(); }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<long[]>> regions = Arbitraries.longs().between(LOW, HIGH).list().ofMinSize(2).ofMaxSize(6)
                .map(cuts -> {
                    List<Long> sorted = cuts.stream().sorted().distinct().toList();
                    List<long[]> out = new ArrayList<>();
                    for (int i = 0; i + 1 < sorted.size(); i += 2) out.add(new long[] {sorted.get(i), sorted.get(i + 1)});
                    return out;
                });
        return Combinators.combine(Arbitraries.of(true, false), regions, Arbitraries.of(OPERATIONS).list().ofMaxSize(40)).as(Scenario::new);
    }

    @Property(tries = 150)
    void compiledAllocatorAgreesWithTheJvm(@ForAll("scenarios") Scenario s) {
        SparseMemory memory = new SparseMemory();
        List<Long> jvm = new ArrayList<>(), machine = new ArrayList<>();
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            run(s, (m, args) -> JvmRunner.call(getClass().getClassLoader(), m, args), jvm);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        run(s, bench::call, machine);
        assertEquals(jvm, machine, "results of " + s);
        assertEquals(structure(memory::load), structure((a, n) -> read(a, n)), "the 56-byte structure");
        for (int list : new int[] {FrameAllocator.LIST_4K, FrameAllocator.LIST_2M}) {
            long node = ALLOC + list;
            for (int k = 0; k < 2000 && memory.load(node, 4) != 0; k++) {
                long next = memory.load(node + 8, 8);
                assertEquals(memory.load(next, 4), read(next, 4), "tag of node 0x" + Long.toHexString(next));
                assertEquals(memory.load(next + 8, 8), read(next + 8, 8), "next of node 0x" + Long.toHexString(next));
                node = next;
            }
        }
    }

    interface Call { long call(MethodRef m, long... args); }

    interface Load { long load(long address, int size); }

    private static void run(Scenario s, Call call, List<Long> results) {
        call.call(methods.get("init"), ALLOC, s.oneGiB() ? 1 : 0);
        for (long[] r : s.regions()) call.call(methods.get("addRegion"), ALLOC, r[0], r[1]);
        for (String op : s.operations()) results.add(call.call(methods.get(op), ALLOC));
        results.add(call.call(methods.get("count4k"), ALLOC));
        results.add(call.call(methods.get("count2m"), ALLOC));
    }

    /** The structure's fields (padding is never written, so it is not compared). */
    private static List<Long> structure(Load l) {
        List<Long> f = new ArrayList<>();
        for (int off : new int[] {0, 16, 32, 40}) f.add(l.load(ALLOC + off, 4));
        for (int off : new int[] {8, 24, 48}) f.add(l.load(ALLOC + off, 8));
        return f;
    }

    private static long read(long address, int size) {
        byte[] b = bench.machine().readPhysical(address, size);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }
}
