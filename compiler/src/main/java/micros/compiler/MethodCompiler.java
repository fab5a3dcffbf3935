package micros.compiler;

import micros.asm.Assembler;
import micros.asm.Gpr;
import micros.asm.Mem;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.*;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;

/**
 * Translates one static method's bytecode (and the small callees it inlines) to x86-64. Locals live in
 * registers as far as they go ({@link RegisterAssignment}), else in 8-byte frame slots ({@code rbp}-relative);
 * the operand stack stays lazy ({@link OperandStack}) until an instruction consumes its entries. Int values
 * use the low 32 bits, longs and array references all 64.
 */
final class MethodCompiler {
    /** Operand-stack entry kinds: int-like, long, array reference, string literal address. */
    static final char INT = 'I', LONG = 'J', REF = 'R', STRING = 'S';

    private final Compiler compiler;
    private final ClassModel owner;
    private final MethodModel method;
    private final MethodRef ref;
    private final Assembler a;
    private final String symbol;
    /** The body being translated: the method's own, or an inlined callee's. */
    private Body body;
    /** Locals of the method and of the bodies inlined into it, which come after its own. */
    private int locals;
    private final Inliner inliner;
    private final Arithmetic arithmetic;
    private final Branches branches;
    private final StaticData data;
    private final RegisterAssignment registers = new RegisterAssignment();
    private final OperandStack stack;
    private final SunkConstants sunk = new SunkConstants();
    /** The prologue's layout: measured by a first translation (null then), used by the second. */
    private final FrameLayout given;
    private FrameLayout layout;
    private boolean usesSlots;
    /** The local the next instruction stores to, or -1: an operation whose result goes there may compute in place. */
    private int nextStore = -1;
    private int localLabels;

    MethodCompiler(Compiler compiler, ClassModel owner, MethodModel method, MethodRef ref, Assembler a, String symbol, FrameLayout given) {
        this.given = given;
        this.compiler = compiler;
        this.owner = owner;
        this.method = method;
        this.ref = ref;
        this.a = a;
        this.symbol = symbol;
        this.inliner = compiler.inliner();
        CodeModel code = method.code().orElseThrow(() -> new CompileException(ref.display() + ": has no code (abstract or native) and is not an intrinsic"));
        this.body = new Body(owner, ref, symbol, code, 0, List.of(), null);
        this.stack = new OperandStack(this, registers);
        this.arithmetic = new Arithmetic(this);
        this.branches = new Branches(this);
        this.data = new StaticData(this);
    }

    /** An error naming the body being translated (an inlined callee reads as if compiled on its own). */
    CompileException reject(String what) {
        String source = body.owner.findAttribute(Attributes.sourceFile()).map(s -> s.sourceFile().stringValue()).orElse("?");
        return new CompileException(body.ref.display() + " @" + body.offset + " (" + source + ":" + (body.line < 0 ? "?" : body.line) + "): " + what);
    }

    // --- locals and slots ------------------------------------------------------------------

    /** A local: its register, or its frame slot. */
    micros.asm.Operand local(int index) {
        Gpr r = registers.of(index);
        if (r != null) return r;
        usesSlots = true;
        return layout.slot(index);
    }

    /** The same local viewed at 32 bits. */
    micros.asm.Operand local32(int index) {
        micros.asm.Operand o = local(index);
        return o instanceof Gpr g ? g.withBits(32) : ((Mem) o).withBits(32);
    }

    /** The frame slot of operand-stack entry {@code depth}: below the locals'. */
    Mem slot(int depth) { usesSlots = true; return layout.slot(locals + depth); }

    String newLabel() { return symbol + ".L" + (localLabels++); }

    String label(Label l) { return body.labels.computeIfAbsent(l, x -> newLabel()); }

    // --- the method ------------------------------------------------------------------------

    void compile() {
        CodeModel code = body.code;
        MethodTypeDesc type = ref.type();
        boolean leaf = RegisterAssignment.leaf(code, inliner);
        registers.assign(code, type, leaf, inliner, given);
        int[] extra = inliner.extra(code);
        locals = body.maxLocals + extra[0];
        layout = given != null ? given : FrameLayout.probe(leaf);
        a.align(16).global(symbol).label(symbol);
        layout.prologue(a);
        Gpr[] args = {RDI, RSI, RDX, RCX, R8, R9};
        if (type.parameterCount() > args.length) throw reject("more than 6 parameters are not supported");
        int[] index = new int[type.parameterCount()];
        for (int i = 1; i < index.length; i++) index[i] = index[i - 1] + TypeKind.from(type.parameterType(i - 1)).slotSize();
        // Last parameter first: r8/r9 carry parameters 4 and 5, whose locals are in memory, and are local registers in leaves.
        for (int i = index.length - 1; i >= 0; i--) if (local(index[i]) != args[i]) a.mov(local(index[i]), args[i]);
        run(body);
        sunk.emit(a);
    }

    /** Translates {@code b}'s code up to its last instruction (labels after it are never jumped to). */
    void run(Body b) {
        Body outer = body;
        body = b;
        b.index = 0;
        List<CodeElement> elements = b.code.elementList();
        for (CodeElement e : elements) {
            switch (e) {
                case LabelTarget t -> {
                    b.inTry |= b.tryStarts.contains(t.label());
                    // Only branch targets have a stack map frame; falling into one, the stack goes where jumps put it.
                    List<Character> f = b.frames.get(t.label());
                    boolean rax = b.raxTargets.contains(t.label());
                    if (stack.reachable() && f != null) stack.leaveFor(rax);
                    if (f != null) {
                        stack.reset(b.below);
                        for (char k : f) stack.push(new StackEntry.InSlot(k));
                        if (rax) stack.set(stack.size() - 1, new StackEntry.InRax(f.getLast()));
                    }
                    a.label(label(t.label()));
                }
                case LineNumber n -> b.line = n.line();
                case Instruction i -> {
                    // Reported at the try block's first instruction, once its line is known.
                    if (b.inTry) throw reject("exception handlers (try/catch/finally) are not kernel-Java");
                    if (!stack.reachable()) stack.reset(b.below);
                    nextStore = b.index + 1 < elements.size() && elements.get(b.index + 1) instanceof StoreInstruction s ? b.local(s.slot()) : -1;
                    instruction(i);
                    b.offset += i.sizeInBytes();
                }
                default -> { }
            }
            if (b.index++ == b.last) break;
        }
        body = outer;
    }

    // --- instructions ----------------------------------------------------------------------

    private void instruction(Instruction i) {
        boolean keepsRax = switch (i) {
            case ConstantInstruction c -> !(c.constantValue() instanceof String);
            case LoadInstruction l -> true;
            case OperatorInstruction o -> true;
            case ConvertInstruction c -> true;
            case BranchInstruction b -> true;
            case StoreInstruction s -> true;
            case InvokeInstruction v -> true;
            case ReturnInstruction r -> true;
            case ArrayLoadInstruction l -> true;
            case ArrayStoreInstruction s -> true;
            case TableSwitchInstruction t -> true;
            case LookupSwitchInstruction t -> true;
            case FieldInstruction f -> f.opcode() == Opcode.PUTSTATIC;
            case StackInstruction s -> s.opcode() == Opcode.POP || s.opcode() == Opcode.POP2;
            default -> false;
        };
        boolean fusedCompare = i instanceof BranchInstruction b && !stack.isEmpty() && stack.last() instanceof StackEntry.Compared
                && b.opcode().bytecode() >= Opcode.IFEQ.bytecode() && b.opcode().bytecode() <= Opcode.IFLE.bytecode();
        if (!fusedCompare) stack.settleCompare();
        if (!takesRead(i)) stack.settleRead();
        if (!keepsRax) stack.spillRax();
        switch (i) {
            case ConstantInstruction c -> constant(c);
            case LoadInstruction l -> load(l);
            case StoreInstruction s -> store(s);
            case IncrementInstruction inc -> { int x = body.local(inc.slot()); stack.materializeLocal(x); a.add(local32(x), imm(inc.constant())); }
            case OperatorInstruction op -> arithmetic.operator(op);
            case ConvertInstruction cv -> arithmetic.convert(cv);
            case BranchInstruction b -> branches.branch(b);
            case TableSwitchInstruction t -> branches.switchChain(t.cases(), t.defaultTarget());
            case LookupSwitchInstruction t -> branches.switchChain(t.cases(), t.defaultTarget());
            case ReturnInstruction r -> {
                switch (r.typeKind()) {
                    case VOID, LONG, INT, BOOLEAN, BYTE, CHAR, SHORT -> { }
                    default -> throw reject("returning a " + r.typeKind() + " is not kernel-Java");
                }
                if (body.inlined()) { inliner.ret(this, body, r); return; }
                if (r.typeKind() != TypeKind.VOID) stack.load(RAX, 0);
                layout.epilogue(a);
                stack.reset(null);
            }
            case InvokeInstruction inv -> invoke(inv);
            case FieldInstruction f -> data.field(f);
            case ArrayLoadInstruction al -> data.arrayLoad(al.typeKind());
            case ArrayStoreInstruction as -> data.arrayStore(as.typeKind());
            case StackInstruction s -> stack.shuffle(s.opcode());
            case NopInstruction n -> { }
            case NewObjectInstruction n -> throw reject("object allocation (new " + n.className().asInternalName() + ") is not kernel-Java");
            case NewPrimitiveArrayInstruction n -> throw reject("array allocation at run time (newarray " + n.typeKind() + ") is not kernel-Java; use a static array initialized at build time");
            case NewReferenceArrayInstruction n -> throw reject("array allocation (anewarray) is not kernel-Java");
            case NewMultiArrayInstruction n -> throw reject("array allocation (multianewarray) is not kernel-Java");
            case ThrowInstruction t -> throw reject("throwing exceptions (athrow) is not kernel-Java");
            case MonitorInstruction m -> throw reject("monitors (synchronized) are not kernel-Java");
            case InvokeDynamicInstruction d -> throw reject("invokedynamic (lambdas, string concatenation) is not kernel-Java");
            case TypeCheckInstruction t -> throw reject("type checks (" + t.opcode().name().toLowerCase() + ") are not kernel-Java");
            default -> throw reject("bytecode " + i.opcode().name().toLowerCase() + " is not kernel-Java");
        }
    }

    /** Whether {@code i} leaves a pending read pending (it emits nothing) or takes it without rax. */
    private boolean takesRead(Instruction i) {
        if (stack.isEmpty()) return true;
        return switch (i) {
            case ConstantInstruction c -> !(c.constantValue() instanceof String);
            case LoadInstruction l -> true;
            case StoreInstruction s -> stack.last() instanceof StackEntry.Read && registers.of(body.local(s.slot())) != null;
            case BranchInstruction b -> {
                int op = b.opcode().bytecode();
                if (op >= Opcode.IFEQ.bytecode() && op <= Opcode.IFLE.bytecode())
                    yield stack.last() instanceof StackEntry.Read r && (r.width() == 32 || op <= Opcode.IFNE.bytecode());
                yield op >= Opcode.IF_ICMPEQ.bytecode() && op <= Opcode.IF_ICMPLE.bytecode() && stack.size() >= 2
                        && stack.get(stack.size() - 2) instanceof StackEntry.Read r && r.width() == 32 && stack.last() instanceof StackEntry.Constant;
            }
            case OperatorInstruction o -> o.opcode() == Opcode.LCMP && stack.size() >= 2 && stack.get(stack.size() - 2) instanceof StackEntry.Read
                    && stack.last() instanceof StackEntry.Constant c && c.value() == (int) c.value();
            default -> false;
        };
    }

    private void constant(ConstantInstruction c) {
        Object v = c.constantValue();
        switch (v) {
            case Integer n -> stack.push(new StackEntry.Constant(INT, n));
            case Long n -> stack.push(new StackEntry.Constant(LONG, n));
            case String s -> {
                int length = RuntimeRoutines.literalBytes(s).length;
                if (length > RuntimeRoutines.MAX_LITERAL) throw reject("a string literal of " + length + " bytes is longer than the console's " + RuntimeRoutines.MAX_LITERAL);
                a.lea(RAX, rip(compiler.stringLiteral(s))).mov(stack.pushSlot(STRING), RAX);
            }
            case null -> throw reject("null references are not kernel-Java");
            default -> throw reject((v instanceof Float || v instanceof Double ? "floating point" : "constant " + v) + " is not kernel-Java");
        }
    }

    private void load(LoadInstruction l) {
        StackEntry bound = body.bound.get(l.slot());
        if (bound != null) { stack.push(bound); return; } // a parameter of an inlined body: the argument itself
        int x = body.local(l.slot());
        switch (l.typeKind()) {
            case INT -> stack.push(new StackEntry.Local(INT, x));
            case LONG -> stack.push(new StackEntry.Local(LONG, x));
            case REFERENCE -> stack.push(new StackEntry.Local(REF, x));
            default -> throw reject("floating point (" + l.opcode().name().toLowerCase() + ") is not kernel-Java");
        }
    }

    private void store(StoreInstruction s) {
        switch (s.typeKind()) {
            case INT, LONG, REFERENCE -> {
                if (stack.kindAt(0) == STRING) throw reject("a String is not kernel-Java except as an argument of a logging intrinsic");
                int x = body.local(s.slot());
                Gpr r = registers.of(x);
                // x = C before a branch whose fall-through assigns x: only the taken edge stores C (SunkConstants).
                if (r != null && stack.last() instanceof StackEntry.Constant c && sunk.sink(body, s, r, c)) stack.materializeLocal(x);
                else stack.storeTo(x, stack.size() - 1);
                stack.pop();
            }
            default -> throw reject("floating point (" + s.opcode().name().toLowerCase() + ") is not kernel-Java");
        }
    }

    private void invoke(InvokeInstruction inv) {
        if (inv.opcode() != Opcode.INVOKESTATIC)
            throw reject((inv.opcode() == Opcode.INVOKESPECIAL ? "constructor or private instance call" : "virtual or interface call")
                    + " (" + inv.opcode().name().toLowerCase() + " " + inv.owner().asInternalName() + "." + inv.name().stringValue() + ") is not kernel-Java");
        MethodRef callee = MethodRef.of(inv);
        MethodTypeDesc type = callee.type();
        int n = type.parameterCount();
        List<Character> kinds = new ArrayList<>();
        for (StackEntry e : stack.entries().subList(stack.size() - n, stack.size())) kinds.add(e.kind());
        int base = stack.size() - n;
        for (int k = 0; k < base; k++) if (stack.get(k) instanceof StackEntry.InRax) stack.materialize(k); // the call or intrinsic reuses rax
        if (Intrinsics.lower(this, callee, base, kinds)) return;
        if (inliner.inlinable(callee)) { inliner.inline(this, callee); return; }
        for (int k = 0; k < n; k++) if (kinds.get(k) == STRING) throw reject("a String is not kernel-Java except as an argument of a logging intrinsic");
        String target = compiler.request(callee, this);
        Gpr[] args = {RDI, RSI, RDX, RCX, R8, R9};
        if (n > args.length) throw reject("calls with more than 6 arguments are not supported");
        layout.beforeCall(a);
        // Last argument first: an argument naming the local kept in rdi reads it before rdi is loaded.
        for (int k = n - 1; k >= 0; k--) stack.loadArgument(args[k], base + k);
        a.call(target);
        layout.afterCall(a);
        for (int k = 0; k < n; k++) stack.pop();
        pushResult(type.returnType());
    }

    /** Pushes rax/eax as the result of a call returning {@code t}. */
    void pushResult(ClassDesc t) {
        TypeKind k = TypeKind.from(t);
        switch (k) {
            case VOID -> { }
            case LONG -> stack.pushRax(LONG);
            case INT, BOOLEAN, BYTE, CHAR, SHORT -> stack.pushRax(INT);
            default -> throw reject("calls returning " + t.displayName() + " are not kernel-Java");
        }
    }

    Assembler asm() { return a; }

    /** After a measuring translation: the layout the real one uses. */
    FrameLayout measured() {
        return registers.measured(usesSlots, layout.leaf(), locals + body.maxStack + inliner.extra(body.code)[1], ref.type().parameterCount() > 0);
    }

    Body body() { return body; }

    RegisterAssignment registers() { return registers; }

    int nextStore() { return nextStore; }

    Compiler compiler() { return compiler; }

    String divisionByZeroLabel() { return compiler.divisionByZero(this, body.symbol); }

    OperandStack stack() { return stack; }

    Arithmetic arithmetic() { return arithmetic; }

    /** The label a conditional branch to {@code l} jumps to: a stub storing a sunk constant on the way, or l's. */
    String branchTarget(Label l) { return sunk.target(body, label(l), this::newLabel); }
}
