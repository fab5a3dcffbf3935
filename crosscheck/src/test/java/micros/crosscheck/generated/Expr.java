package micros.crosscheck.generated;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;

/** An int or long expression of a generated kernel-Java method, emitted as bytecode, shown as Java. */
public sealed interface Expr {
    /** INT or LONG. */
    TypeKind type();

    void emit(CodeBuilder b);

    /** A local variable (the method's parameters among them) of {@code type} at {@code slot}. */
    record Local(String name, int slot, TypeKind type) implements Expr {
        public void emit(CodeBuilder b) { b.loadLocal(type, slot); }
        @Override public String toString() { return name; }
    }

    record Constant(long value, TypeKind type) implements Expr {
        public void emit(CodeBuilder b) {
            if (type == TypeKind.INT) b.loadConstant((int) value); else b.loadConstant(value);
        }
        @Override public String toString() { return type == TypeKind.INT ? Integer.toString((int) value) : value + "L"; }
    }

    /** {@code left op right}: both of the operator's type, but a shift's count, which is an int. */
    record Binary(Opcode op, String symbol, Expr left, Expr right) implements Expr {
        public TypeKind type() { return left.type(); }
        public void emit(CodeBuilder b) { left.emit(b); right.emit(b); b.with(OperatorInstruction.of(op)); }
        @Override public String toString() { return "(" + left + " " + symbol + " " + right + ")"; }
    }

    record Negate(Expr operand) implements Expr {
        public TypeKind type() { return operand.type(); }
        public void emit(CodeBuilder b) { operand.emit(b); b.with(OperatorInstruction.of(type() == TypeKind.INT ? Opcode.INEG : Opcode.LNEG)); }
        @Override public String toString() { return "-" + operand; }
    }

    /** i2l, l2i, i2b, i2s, i2c. */
    record Convert(Opcode op, String cast, TypeKind type, Expr operand) implements Expr {
        public void emit(CodeBuilder b) { operand.emit(b); b.with(ConvertInstruction.of(op)); }
        @Override public String toString() { return "(" + cast + ") " + operand; }
    }

    /** A comparison: the branches taken when it does not hold, for two ints and for lcmp's result. */
    enum Comparison {
        EQ("==", Opcode.IF_ICMPNE, Opcode.IFNE), NE("!=", Opcode.IF_ICMPEQ, Opcode.IFEQ), LT("<", Opcode.IF_ICMPGE, Opcode.IFGE),
        GE(">=", Opcode.IF_ICMPLT, Opcode.IFLT), GT(">", Opcode.IF_ICMPLE, Opcode.IFLE), LE("<=", Opcode.IF_ICMPGT, Opcode.IFGT);

        final String symbol;
        final Opcode intsDiffer, signDiffers;

        Comparison(String symbol, Opcode intsDiffer, Opcode signDiffers) {
            this.symbol = symbol;
            this.intsDiffer = intsDiffer;
            this.signDiffers = signDiffers;
        }
    }

    /** {@code left cmp right ? then : otherwise}; longs compared through lcmp. */
    record Choose(Comparison cmp, Expr left, Expr right, Expr then, Expr otherwise) implements Expr {
        public TypeKind type() { return then.type(); }
        public void emit(CodeBuilder b) {
            Label no = b.newLabel(), end = b.newLabel();
            left.emit(b);
            right.emit(b);
            if (left.type() == TypeKind.LONG) b.lcmp().branch(cmp.signDiffers, no);
            else b.branch(cmp.intsDiffer, no);
            then.emit(b);
            b.goto_(end);
            b.labelBinding(no);
            otherwise.emit(b);
            b.labelBinding(end);
        }
        @Override public String toString() { return "(" + left + " " + cmp.symbol + " " + right + " ? " + then + " : " + otherwise + ")"; }
    }

    /** A static call of an {@code Integer}/{@code Long} helper the compiler makes instructions of. */
    record Helper(ClassDesc owner, String name, MethodTypeDesc descriptor, Expr... arguments) implements Expr {
        public TypeKind type() { return TypeKind.from(descriptor.returnType()); }
        public void emit(CodeBuilder b) {
            for (Expr e : arguments) e.emit(b);
            b.invokestatic(owner, name, descriptor);
        }
        @Override public String toString() {
            return owner.displayName() + "." + name + java.util.Arrays.stream(arguments).map(Object::toString).collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        }
    }
}
