package micros.compiler;

import micros.asm.AssembledModule;
import micros.asm.Assembler;
import micros.asm.Section;

import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.constant.ClassDesc;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ahead-of-time compiler from kernel-Java to x86-64: compiles every static method reachable from the
 * entry points, with System V AMD64 calls, into one assembled module. Static fields become data whose
 * initial values come from running the class initializers on the JVM at build time.
 */
public final class Compiler {
    /** The compiled module, the ELF symbol of every compiled method, and the static fields emitted as data. */
    public record Result(AssembledModule module, Map<MethodRef, String> symbols, List<StaticField> statics) {}

    /** The reasons a stop method gets (see {@link #compile(ClassSource, List, MethodRef)}). */
    public static final int HALT = 0, PANIC = 1;

    private final ClassSource source;
    private final Assembler a = new Assembler();
    private final Map<MethodRef, String> symbols = new LinkedHashMap<>();
    private final Deque<MethodRef> work = new ArrayDeque<>();
    private final Map<String, String> strings = new LinkedHashMap<>();
    private final Map<String, StaticField> fields = new LinkedHashMap<>();
    private final Map<String, String> panics = new LinkedHashMap<>();
    private final Inliner inliner = new Inliner(this);

    /** A method's class and its model. */
    record Found(ClassModel owner, MethodModel method) {}

    private Compiler(ClassSource source) { this.source = source; }

    public static Result compile(ClassSource source, List<MethodRef> entries) { return compile(source, entries, null); }

    /**
     * As {@link #compile(ClassSource, List)}, and {@code Kernel.halt} and {@code Kernel.panic} call
     * {@code stop} (a {@code static void stop(int reason)}, compiled too) before the machine halts: how a
     * kernel reports its end somewhere other than COM1. The reason is {@link #HALT} or {@link #PANIC}; when
     * {@code stop} returns, the machine halts as without it (cli; hlt). Null: no such method.
     */
    public static Result compile(ClassSource source, List<MethodRef> entries, MethodRef stop) {
        Compiler c = new Compiler(source);
        for (MethodRef e : entries) c.request(e, null);
        String stopSymbol = stop == null ? null : c.request(stop, null);
        if (stop != null && !stop.descriptor().equals("(I)V")) throw new CompileException(stop.display() + ": a stop method takes an int (the reason) and returns nothing");
        while (!c.work.isEmpty()) c.compileMethod(c.work.removeFirst());
        c.emitData();
        RuntimeRoutines.emit(c.a, stopSymbol);
        return new Result(c.a.finish(), Map.copyOf(c.symbols), List.copyOf(c.fields.values()));
    }

    /** The static method named {@code name} in {@code owner} (it must be the only one of that name). */
    public static MethodRef method(ClassSource source, String owner, String name) {
        String internal = owner.replace('.', '/');
        ClassModel cm = source.find(internal);
        if (cm == null) throw new CompileException(owner + ": class not found");
        List<MethodModel> found = cm.methods().stream().filter(m -> m.methodName().equalsString(name)).toList();
        if (found.isEmpty()) throw new CompileException(owner + "." + name + ": no such method");
        if (found.size() > 1) throw new CompileException(owner + "." + name + ": overloaded; give the descriptor");
        return new MethodRef(internal, name, found.getFirst().methodType().stringValue());
    }

    /** The class and method model of {@code m}; null when it is outside the compiled set. */
    Found find(MethodRef m) {
        // The JDK's own classes are never compiled: kernel-Java reaches them only through the intrinsics.
        boolean jdk = m.owner().startsWith("java/") || m.owner().startsWith("javax/") || m.owner().startsWith("jdk/") || m.owner().startsWith("sun/");
        ClassModel cm = jdk ? null : source.find(m.owner());
        MethodModel mm = cm == null ? null : cm.methods().stream()
                .filter(x -> x.methodName().equalsString(m.name()) && x.methodType().equalsString(m.descriptor())).findFirst().orElse(null);
        return mm == null ? null : new Found(cm, mm);
    }

    /** The ELF symbol of {@code m}: {@code package.Class.method}, with the descriptor when overloaded. */
    String symbolOf(MethodRef m, ClassModel cm) {
        long sameName = cm.methods().stream().filter(x -> x.methodName().equalsString(m.name())).count();
        return m.owner().replace('/', '.') + "." + m.name() + (sameName > 1 ? m.descriptor() : "");
    }

    Inliner inliner() { return inliner; }

    /** Queues {@code m} for compilation and returns its symbol; {@code from} names the caller in errors. */
    String request(MethodRef m, MethodCompiler from) {
        String known = symbols.get(m);
        if (known != null) return known;
        Found f = find(m);
        if (f == null) {
            String what = "call to " + m.display() + ", which is outside the compiled set";
            throw from != null ? from.reject(what) : new CompileException(m.display() + ": no such method in the given classes");
        }
        if ((f.method().flags().flagsMask() & Modifier.STATIC) == 0) {
            String what = "instance method " + m.display() + " is not kernel-Java";
            throw from != null ? from.reject(what) : new CompileException(what);
        }
        String symbol = symbolOf(m, f.owner());
        symbols.put(m, symbol);
        work.add(m);
        return symbol;
    }

    private void compileMethod(MethodRef m) {
        Found f = find(m);
        // Translated twice: first into a scratch assembler to learn which registers and slots the code uses,
        // then for real with a prologue that sets up only those.
        Assembler scratch = new Assembler();
        scratch.section(Section.TEXT).bits(64);
        MethodCompiler probe = new MethodCompiler(this, f.owner(), f.method(), m, scratch, symbols.get(m), null);
        probe.compile();
        a.section(Section.TEXT).bits(64);
        new MethodCompiler(this, f.owner(), f.method(), m, a, symbols.get(m), probe.measured()).compile();
    }

    /** The label of a copy of {@code s} in .rodata, its length before it (see {@link RuntimeRoutines#emitLiteral}). */
    String stringLiteral(String s) {
        return strings.computeIfAbsent(s, x -> "micros.string." + strings.size());
    }

    /** The symbol of a static field, emitted with its build-time value. */
    String staticField(String owner, String name, ClassDesc type, MethodCompiler from) {
        if (source.find(owner) == null) throw from.reject("static field " + owner.replace('/', '.') + "." + name + " is outside the compiled set");
        StaticField field = new StaticField(owner, name, type);
        fields.putIfAbsent(field.symbol(), field);
        return field.symbol();
    }

    /** A stub that panics naming the method: division by zero. */
    String divisionByZero(MethodCompiler m, String method) { return panic(method, "division by zero in " + method); }

    String indexOutOfBounds(MethodCompiler m, String method) { return panic(method, "array index out of bounds in " + method); }

    private String panic(String method, String message) {
        return panics.computeIfAbsent(message, msg -> method + ".panic" + panics.size());
    }

    private void emitData() {
        a.section(Section.TEXT).bits(64);
        for (Map.Entry<String, String> p : panics.entrySet()) {
            a.label(p.getValue()).lea(micros.asm.Gpr.RDI, micros.asm.Operands.rip(stringLiteral(p.getKey()))).jmp(RuntimeRoutines.PANIC);
        }
        a.section(Section.RODATA);
        for (Map.Entry<String, String> s : strings.entrySet()) RuntimeRoutines.emitLiteral(a, s.getValue(), s.getKey());
        a.section(Section.DATA);
        for (StaticField f : fields.values()) emitField(f);
    }

    /** Reads the field's value after the class initializer ran on the JVM and emits it. */
    private void emitField(StaticField field) {
        String symbol = field.symbol();
        ClassDesc type = field.type();
        Object value;
        try {
            Field f = source.load(field.owner()).getDeclaredField(field.name());
            f.setAccessible(true);
            value = f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CompileException(symbol + ": cannot read the static field's initial value: " + e);
        }
        a.align(8).global(symbol).label(symbol);
        if (!type.isArray()) { scalar(type.descriptorString().charAt(0), value); return; }
        if (value == null) throw new CompileException(symbol + ": static array is null after initialization; kernel-Java arrays are created at build time");
        String elements = field.elementsSymbol();
        char k = type.componentType().descriptorString().charAt(0);
        if (type.componentType().isArray() || "JIZSCB".indexOf(k) < 0) throw new CompileException(symbol + ": arrays of " + type.componentType().displayName() + " are not kernel-Java");
        a.dqSymbol(elements, 0);
        int n = Array.getLength(value);
        a.dq(n).label(elements);
        for (int i = 0; i < n; i++) scalar(k, Array.get(value, i));
        a.align(8);
    }

    private void scalar(char kind, Object v) {
        switch (kind) {
            case 'J' -> a.dq((Long) v);
            case 'I' -> a.dd((Integer) v);
            case 'S' -> a.dw((Short) v);
            case 'C' -> a.dw((Character) v);
            case 'B' -> a.db((Byte) v);
            case 'Z' -> a.db((Boolean) v ? 1 : 0);
            default -> throw new CompileException("static value " + v + " is not kernel-Java");
        }
    }

}
