package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.crosscheck.generated.Expr;
import micros.crosscheck.generated.GeneratedClasses;
import micros.crosscheck.generated.Program;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static java.lang.classfile.TypeKind.INT;
import static java.lang.classfile.TypeKind.LONG;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Compiled arithmetic on generated programs: random int/long expressions (every operator, shifts, division
 * by anything, negation, narrowing, conditional expressions on int and long compares, Integer/Long
 * helpers) assigned to more locals than there are registers, as bytecode built with the ClassFile API. Each
 * try compiles a class of them and runs every method on the JVM and in the bench with generated arguments;
 * results (or panics) must agree.
 */
class GeneratedArithmeticTest {
    static final int DEPTH = 3;
    static final AtomicInteger classes = new AtomicInteger();

    /** One try: programs, and the argument tuples each is called with. */
    record Case(List<Program> programs, List<long[]> arguments) {
        @Override public String toString() {
            StringBuilder s = new StringBuilder();
            programs.forEach(p -> s.append("\n  ").append(p));
            arguments.forEach(a -> s.append("\n  args ").append(Arrays.toString(a)));
            return s.toString();
        }
    }

    @Property(tries = 100)
    void compiledArithmeticAgreesWithTheJvm(@ForAll("cases") Case c) {
        String name = "micros.generated.Arithmetic" + classes.incrementAndGet();
        GeneratedClasses loader = new GeneratedClasses(GeneratedArithmeticTest.class.getClassLoader(), Map.of(name, Program.classFile(name, c.programs())));
        ClassSource source = new ClassSource(loader);
        List<MethodRef> methods = c.programs().stream().map(p -> new MethodRef(name.replace('.', '/'), p.name(), Program.TYPE.descriptorString())).toList();
        try (SideBySide sides = new SideBySide(loader, Compiler.compile(source, methods))) {
            for (int k = 0; k < methods.size(); k++)
                for (long[] args : c.arguments()) {
                    SideBySide.Outcome o = sides.call(methods.get(k), args);
                    if (!o.agree()) fail(c.programs().get(k) + " with " + Arrays.toString(args) + ": " + o.difference());
                }
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Program> program = Combinators.combine(assignment().list().ofMinSize(1).ofMaxSize(6), expr(LONG, DEPTH))
                .as((body, result) -> new Program("f", body, result));
        Arbitrary<long[]> arguments = Combinators.combine(CorpusDifferentialTest.argument(ConstantDescs.CD_long), CorpusDifferentialTest.argument(ConstantDescs.CD_long),
                CorpusDifferentialTest.argument(ConstantDescs.CD_int), CorpusDifferentialTest.argument(ConstantDescs.CD_int)).as((a, b, c, d) -> new long[] {a, b, c, d});
        return Combinators.combine(program.list().ofMinSize(1).ofMaxSize(4), arguments.list().ofMinSize(1).ofMaxSize(6)).as((ps, args) -> {
            List<Program> named = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) named.add(new Program("f" + i, ps.get(i).body(), ps.get(i).result()));
            return new Case(named, args);
        });
    }

    static Arbitrary<Program.Assign> assignment() {
        return Arbitraries.of(INT, LONG).flatMap(t -> Arbitraries.of(Program.locals(t)).flatMap(to -> Arbitraries.oneOf(
                expr(t, DEPTH).map(e -> new Program.Assign(to, e)),
                // x = x op y: computed in x's register
                Combinators.combine(simpleOperator(t), expr(t, DEPTH - 1)).as((op, e) -> new Program.Assign(to, new Expr.Binary(op.get1(), op.get2(), to, e))))));
    }

    static Arbitrary<Expr> expr(TypeKind t, int depth) {
        Arbitrary<Expr> leaf = Arbitraries.oneOf(Arbitraries.of(Program.locals(t)).map(l -> (Expr) l), constant(t));
        if (depth == 0) return leaf;
        Arbitrary<Expr> smaller = Arbitraries.lazy(() -> expr(t, depth - 1));
        Arbitrary<Expr> binary = Combinators.combine(operator(t), smaller, smaller, Arbitraries.lazy(() -> expr(INT, depth - 1)))
                .as((op, l, r, count) -> new Expr.Binary(op.get1(), op.get2(), l, shift(op.get1()) ? count : r));
        Arbitrary<Expr> negate = smaller.map(Expr.Negate::new);
        Arbitrary<Expr> convert = t == LONG
                ? Arbitraries.lazy(() -> expr(INT, depth - 1)).map(e -> new Expr.Convert(Opcode.I2L, "long", LONG, e))
                : Arbitraries.oneOf(
                        Arbitraries.lazy(() -> expr(LONG, depth - 1)).map(e -> new Expr.Convert(Opcode.L2I, "int", INT, e)),
                        Combinators.combine(Arbitraries.of(Opcode.I2B, Opcode.I2S, Opcode.I2C), smaller)
                                .as((op, e) -> new Expr.Convert(op, op == Opcode.I2B ? "byte" : op == Opcode.I2S ? "short" : "char", INT, e)));
        Arbitrary<Expr> choose = Arbitraries.of(INT, LONG).flatMap(ct -> Combinators.combine(Arbitraries.of(Expr.Comparison.values()),
                Arbitraries.lazy(() -> expr(ct, depth - 1)), Arbitraries.lazy(() -> expr(ct, depth - 1)), smaller, smaller)
                .as((cmp, l, r, a, b) -> new Expr.Choose(cmp, l, r, a, b)));
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(5, binary), Tuple.of(1, negate), Tuple.of(1, convert), Tuple.of(2, choose),
                Tuple.of(1, helper(t, depth)));
    }

    static boolean shift(Opcode op) {
        return switch (op) { case ISHL, ISHR, IUSHR, LSHL, LSHR, LUSHR -> true; default -> false; };
    }

    static Arbitrary<net.jqwik.api.Tuple.Tuple2<Opcode, String>> simpleOperator(TypeKind t) {
        return t == INT
                ? Arbitraries.of(Tuple.of(Opcode.IADD, "+"), Tuple.of(Opcode.ISUB, "-"), Tuple.of(Opcode.IMUL, "*"), Tuple.of(Opcode.IAND, "&"), Tuple.of(Opcode.IOR, "|"), Tuple.of(Opcode.IXOR, "^"))
                : Arbitraries.of(Tuple.of(Opcode.LADD, "+"), Tuple.of(Opcode.LSUB, "-"), Tuple.of(Opcode.LMUL, "*"), Tuple.of(Opcode.LAND, "&"), Tuple.of(Opcode.LOR, "|"), Tuple.of(Opcode.LXOR, "^"));
    }

    static Arbitrary<net.jqwik.api.Tuple.Tuple2<Opcode, String>> operator(TypeKind t) {
        return Arbitraries.oneOf(simpleOperator(t), t == INT
                ? Arbitraries.of(Tuple.of(Opcode.IDIV, "/"), Tuple.of(Opcode.IREM, "%"), Tuple.of(Opcode.ISHL, "<<"), Tuple.of(Opcode.ISHR, ">>"), Tuple.of(Opcode.IUSHR, ">>>"))
                : Arbitraries.of(Tuple.of(Opcode.LDIV, "/"), Tuple.of(Opcode.LREM, "%"), Tuple.of(Opcode.LSHL, "<<"), Tuple.of(Opcode.LSHR, ">>"), Tuple.of(Opcode.LUSHR, ">>>")));
    }

    static Arbitrary<Expr> constant(TypeKind t) {
        return (t == INT ? CorpusDifferentialTest.argument(ConstantDescs.CD_int) : CorpusDifferentialTest.argument(ConstantDescs.CD_long))
                .map(v -> new Expr.Constant(v, t));
    }

    static final ClassDesc INTEGER = ClassDesc.of("java.lang.Integer"), LONG_CLASS = ClassDesc.of("java.lang.Long");

    /** Integer/Long helpers the compiler lowers to instructions. */
    static Arbitrary<Expr> helper(TypeKind t, int depth) {
        Arbitrary<Expr> i = Arbitraries.lazy(() -> expr(INT, depth - 1)), l = Arbitraries.lazy(() -> expr(LONG, depth - 1));
        MethodTypeDesc jj = MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long, ConstantDescs.CD_long),
                ji = MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long, ConstantDescs.CD_int),
                iJJ = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_long, ConstantDescs.CD_long),
                iJ = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_long),
                ii = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int),
                iII = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_int, ConstantDescs.CD_int);
        if (t == LONG) return Arbitraries.oneOf(
                Combinators.combine(l, i).as((a, b) -> new Expr.Helper(LONG_CLASS, "rotateLeft", ji, a, b)),
                Combinators.combine(l, l).as((a, b) -> new Expr.Helper(LONG_CLASS, "remainderUnsigned", jj, a, b)),
                l.map(a -> new Expr.Helper(LONG_CLASS, "lowestOneBit", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long), a)));
        return Arbitraries.oneOf(
                Combinators.combine(l, l).as((a, b) -> new Expr.Helper(LONG_CLASS, "compareUnsigned", iJJ, a, b)),
                l.map(a -> new Expr.Helper(LONG_CLASS, "numberOfLeadingZeros", iJ, a)),
                i.map(a -> new Expr.Helper(INTEGER, "bitCount", ii, a)),
                Combinators.combine(i, i).as((a, b) -> new Expr.Helper(INTEGER, "divideUnsigned", iII, a, b)));
    }
}
