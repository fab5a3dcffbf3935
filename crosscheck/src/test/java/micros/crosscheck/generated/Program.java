package micros.crosscheck.generated;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A generated kernel-Java method {@code static long name(long a, long b, int c, int d)}: its locals set from
 * the parameters, then assignments of random expressions to locals and parameters, then it returns an
 * expression mixed with every local and parameter (so every assignment shows in the result). More locals
 * than the compiler has registers for, so some live in frame slots.
 */
public record Program(String name, List<Assign> body, Expr result) {
    public static final MethodTypeDesc TYPE = MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long, ConstantDescs.CD_long,
            ConstantDescs.CD_int, ConstantDescs.CD_int);

    public static final Expr.Local A = new Expr.Local("a", 0, TypeKind.LONG), B = new Expr.Local("b", 2, TypeKind.LONG),
            C = new Expr.Local("c", 4, TypeKind.INT), D = new Expr.Local("d", 5, TypeKind.INT);
    /** Locals beyond the parameters, and what the method sets them to first. */
    public static final List<Assign> START = List.of(
            new Assign(new Expr.Local("x0", 6, TypeKind.LONG), A),
            new Assign(new Expr.Local("x1", 8, TypeKind.LONG), B),
            new Assign(new Expr.Local("x2", 10, TypeKind.LONG), new Expr.Convert(java.lang.classfile.Opcode.I2L, "long", TypeKind.LONG, C)),
            new Assign(new Expr.Local("x3", 12, TypeKind.LONG), new Expr.Constant(7, TypeKind.LONG)),
            new Assign(new Expr.Local("x4", 14, TypeKind.LONG), new Expr.Constant(-1, TypeKind.LONG)),
            new Assign(new Expr.Local("y0", 16, TypeKind.INT), D),
            new Assign(new Expr.Local("y1", 17, TypeKind.INT), new Expr.Constant(3, TypeKind.INT)),
            new Assign(new Expr.Local("y2", 18, TypeKind.INT), new Expr.Convert(java.lang.classfile.Opcode.L2I, "int", TypeKind.INT, B)));

    /** Every local of a type the body may read and assign: parameters and the locals set at the start. */
    public static List<Expr.Local> locals(TypeKind type) { return all().stream().filter(l -> l.type() == type).toList(); }

    private static List<Expr.Local> all() {
        List<Expr.Local> all = new java.util.ArrayList<>(List.of(A, B, C, D));
        START.forEach(s -> all.add(s.to()));
        return all;
    }

    /** {@code to = value;} */
    public record Assign(Expr.Local to, Expr value) {
        void emit(CodeBuilder b) {
            value.emit(b);
            b.storeLocal(to.type(), to.slot());
        }
        @Override public String toString() { return to + " = " + value + ";"; }
    }

    void emit(CodeBuilder b) {
        START.forEach(s -> s.emit(b));
        body.forEach(s -> s.emit(b));
        result.emit(b);
        if (result.type() == TypeKind.INT) b.i2l();
        // mix = mix * 31 + local, for each local
        for (Expr.Local l : all()) {
            b.loadConstant(31L).lmul();
            l.emit(b);
            if (l.type() == TypeKind.INT) b.i2l();
            b.ladd();
        }
        b.lreturn();
    }

    /** The class file of a final class {@code className} holding {@code programs}. */
    public static byte[] classFile(String className, List<Program> programs) {
        return ClassFile.of().build(ClassDesc.of(className), c -> {
            c.withFlags(AccessFlag.PUBLIC, AccessFlag.FINAL);
            for (Program p : programs) c.withMethodBody(p.name(), TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, p::emit);
        });
    }

    @Override public String toString() {
        return "static long " + name + "(long a, long b, int c, int d) { "
                + body.stream().map(Object::toString).collect(Collectors.joining(" ")) + " return mix(" + result + ", a, b, c, d, x0...y2); }";
    }
}
