package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.crosscheck.corpus.Arithmetic;
import micros.crosscheck.corpus.Bits;
import micros.crosscheck.corpus.Branches;
import micros.crosscheck.corpus.Calls;
import micros.crosscheck.corpus.Inlining;
import micros.crosscheck.corpus.Pointers;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SparseMemory;
import micros.crosscheck.corpus.Statics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.lang.constant.ClassDesc;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The kernel-Java corpus run twice: on the JVM and compiled in the bench. For generated arguments (edge
 * values included) both give the same result, or both panic.
 */
class CorpusDifferentialTest {
    static final List<Class<?>> CORPUS = List.of(Arithmetic.class, Branches.class, Calls.class, Statics.class, Bits.class, Inlining.class, Pointers.class);
    static ClassSource source;
    static List<MethodRef> methods;
    static BenchRunner bench;

    /** One call: a method and its arguments. */
    record Call(MethodRef method, long[] args) {
        @Override public String toString() { return method.display() + Arrays.toString(args); }
    }

    @BeforeContainer
    static void compileTheCorpus() {
        source = new ClassSource(CorpusDifferentialTest.class.getClassLoader());
        methods = new ArrayList<>();
        for (Class<?> c : CORPUS)
            for (Method m : c.getDeclaredMethods())
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                    methods.add(Compiler.method(source, c.getName(), m.getName()));
        bench = new BenchRunner(Compiler.compile(source, methods));
    }

    @AfterContainer
    static void close() { if (bench != null) bench.close(); }

    static Arbitrary<Long> argument(ClassDesc type) {
        return switch (type.descriptorString()) {
            case "J" -> Arbitraries.oneOf(Arbitraries.of(0L, 1L, -1L, 2L, 63L, 64L, 65L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 0xFFFF_FFFFL,
                    (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE), Arbitraries.longs());
            case "I" -> Arbitraries.oneOf(Arbitraries.of(0L, 1L, -1L, 2L, 31L, 32L, 33L, 64L, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, 27L),
                    Arbitraries.integers().map(i -> (long) i), Arbitraries.integers().between(-40, 40).map(i -> (long) i));
            case "S" -> Arbitraries.shorts().map(s -> (long) s);
            case "C" -> Arbitraries.chars().map(c -> (long) c);
            case "B" -> Arbitraries.bytes().map(b -> (long) b);
            case "Z" -> Arbitraries.of(0L, 1L);
            default -> throw new IllegalArgumentException(type.displayName());
        };
    }

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.of(methods).flatMap(m -> {
            List<Arbitrary<Long>> args = new ArrayList<>();
            for (ClassDesc p : m.type().parameterArray()) args.add(argument(p));
            return Combinators.combine(args).as(values -> new Call(m, values.stream().mapToLong(Long::longValue).toArray()));
        });
    }

    static String outcome(JvmOrBench run) {
        try {
            return "returns " + run.call();
        } catch (BenchRunner.Fault f) {
            return "panics";
        }
    }

    interface JvmOrBench { long call(); }

    @Property(tries = 1500)
    void compiledCodeAgreesWithTheJvm(@ForAll("calls") Call c) {
        String jvm;
        // Methods using Memory get a fresh simulated machine; each writes what it reads, as in the bench.
        try (var installed = Machine.install(new SimulatedCpu(new SparseMemory()))) {
            jvm = outcome(() -> JvmRunner.call(CorpusDifferentialTest.class.getClassLoader(), c.method(), c.args()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String machine = outcome(() -> bench.call(c.method(), c.args()));
        assertEquals(jvm, machine, c.toString());
    }
}
