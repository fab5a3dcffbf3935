package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.crosscheck.corpus.Arithmetic;
import micros.crosscheck.corpus.Bits;
import micros.crosscheck.corpus.Branches;
import micros.crosscheck.corpus.Calls;
import micros.crosscheck.corpus.Counter;
import micros.crosscheck.corpus.Inlining;
import micros.crosscheck.corpus.Logging;
import micros.crosscheck.corpus.Pointers;
import micros.crosscheck.corpus.Statics;
import micros.crosscheck.corpus.Tables;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The kernel-Java corpus run side by side ({@link SideBySide}): on the JVM and compiled in the bench, random
 * sequences of calls with generated arguments (edge values included) from the same starting state. After
 * every call both give the same result (or both panic), hold the same value in every static field of the
 * corpus classes, and wrote the same bytes of memory. Dropping one store from the compiled code, of a
 * static array element or of a memory write, makes the check fail.
 */
class CorpusDifferentialTest {
    static final List<Class<?>> CORPUS = List.of(Arithmetic.class, Branches.class, Calls.class, Statics.class, Bits.class, Inlining.class,
            Pointers.class, Counter.class, Tables.class, Logging.class);
    static ClassSource source;
    static List<MethodRef> methods;
    static Compiler.Result compiled;
    static SideBySide corpus;

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
        compiled = Compiler.compile(source, methods);
        corpus = new SideBySide(CorpusDifferentialTest.class.getClassLoader(), compiled);
    }

    @AfterContainer
    static void close() { if (corpus != null) corpus.close(); }

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

    static Arbitrary<Call> call(List<MethodRef> from) {
        return Arbitraries.of(from).flatMap(m -> {
            List<Arbitrary<Long>> args = new ArrayList<>();
            for (ClassDesc p : m.type().parameterArray()) args.add(argument(p));
            return Combinators.combine(args).as(values -> new Call(m, values.stream().mapToLong(Long::longValue).toArray()));
        });
    }

    @Provide
    Arbitrary<List<Call>> sequences() { return call(methods).list().ofMinSize(1).ofMaxSize(8); }

    /** Runs {@code calls} from the starting state; fails naming the call and the first difference after it. */
    static void agree(SideBySide sides, List<Call> calls) {
        sides.reset();
        for (Call c : calls) {
            SideBySide.Outcome o = sides.call(c.method(), c.args());
            if (!o.agree()) fail("after " + c + " (jvm " + o.jvm() + ", bench " + o.bench() + "): " + o.difference() + "; calls " + calls);
        }
    }

    @Property(tries = 400)
    void compiledCodeAgreesWithTheJvm(@ForAll("sequences") List<Call> calls) {
        agree(corpus, calls);
    }

    /** After random call sequences of the methods with static state, every static agrees. */
    @Property(tries = 100)
    void staticsAgreeAfterRandomCallSequences(@ForAll("statefulSequences") List<Call> calls) {
        agree(corpus, calls);
    }

    @Provide
    Arbitrary<List<Call>> statefulSequences() {
        List<MethodRef> stateful = methods.stream().filter(m -> List.of("Tables", "Counter", "Inlining").contains(m.owner().substring(m.owner().lastIndexOf('/') + 1))).toList();
        return call(stateful).list().ofMinSize(5).ofMaxSize(30);
    }

    static MethodRef method(Class<?> owner, String name) { return Compiler.method(source, owner.getName(), name); }

    @Example
    void aDroppedStoreToAStaticArrayElementFails() {
        MethodRef fill = method(Tables.class, "fill");
        Miscompilation.Dropped dropped = Miscompilation.drop(compiled, fill, t -> t.startsWith("mov qword ptr [rax + rcx*8]"));
        try (SideBySide miscompiled = new SideBySide(CorpusDifferentialTest.class.getClassLoader(), dropped.compiled())) {
            SideBySide.Outcome o = miscompiled.call(fill, 3, 5);
            assertEquals(o.jvm(), o.bench(), "fill returns nothing: the result alone shows no difference");
            AssertionError e = assertThrows(AssertionError.class, () -> agree(miscompiled, List.of(new Call(fill, new long[] {3, 5}))));
            assertTrue(e.getMessage().contains("Tables.SLOTS[0]: jvm 5, bench 0"), "dropped " + dropped.instruction() + ": " + e.getMessage());
        }
    }

    @Example
    void aDroppedMemoryWriteFails() {
        MethodRef spread = method(Tables.class, "spread");
        Miscompilation.Dropped dropped = Miscompilation.drop(compiled, spread, t -> t.matches("mov qword ptr \\[r[0-9a-z]+( \\+ [0-9a-fx]+)?\\], r.*"));
        try (SideBySide miscompiled = new SideBySide(CorpusDifferentialTest.class.getClassLoader(), dropped.compiled())) {
            AssertionError e = assertThrows(AssertionError.class, () -> agree(miscompiled, List.of(new Call(spread, new long[] {2, 7}))));
            assertTrue(e.getMessage().contains("memory 0x710000: jvm wrote 0x00, bench did not write it"), "dropped " + dropped.instruction() + ": " + e.getMessage());
        }
    }
}
