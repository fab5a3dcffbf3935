package micros.compiler;

import micros.asm.Assembler;
import micros.asm.Cond;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;

/**
 * Translates one static method's bytecode (and the small callees it inlines) to x86-64. Locals live in
 * registers as far as they go, else in 8-byte frame slots ({@code rbp}-relative); operand-stack entries stay
 * lazy ({@link StackEntry}: a constant, a local, a local plus an offset, rax, a pending read or compare)
 * until an instruction consumes them, and go to their slots only where a value must outlive that (branch
 * targets, a store to the local they name). Int values use the low 32 bits, longs and array references all 64.
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
    private List<StackEntry> stack = new ArrayList<>();
    /**
     * The first locals live in registers: in leaves r8-r11 (which no intrinsic or runtime routine touches),
     * then callee-saved ones; in methods that call, callee-saved ones, or r10/r11 pushed around the calls.
     * The rest of the locals, and the operand stack where it must be stored, live in the frame.
     */
    private static final List<Gpr> CALLEE_SAVED = List.of(RBX, R12, R13, R14, R15), SCRATCH = List.of(R8, R9, R10, R11),
            AROUND_CALLS = List.of(R10, R11);
    /** Registers of locals that calls clobber (not arguments, untouched by intrinsics), pushed around each call. */
    private List<Gpr> aroundCalls = List.of();
    private final Map<Integer, Gpr> registerOf = new HashMap<>();
    /** Every register some local got: the callee-saved ones among them are pushed in the prologue. */
    private final java.util.Set<Gpr> taken = new java.util.HashSet<>();
    /**
     * Registers for the locals of inlined bodies: r8-r11 and rsi first, then callee-saved ones, not taken by
     * the method's own locals. An inlined body makes no calls (what it calls is inlined too), so scratch
     * registers survive in it even in a method that calls.
     */
    private final java.util.ArrayDeque<Gpr> spare = new java.util.ArrayDeque<>();
    /** The prologue's layout: measured by a first translation (null then), used by the second. */
    private final FrameLayout given;
    private FrameLayout layout;
    private boolean usesSlots;
    /** The local the next instruction stores to, or -1: an operation whose result goes there may compute in place. */
    private int nextStore = -1;
    private int localLabels;
    /** Whether code writes rdi for anything but a call's first argument (measured by the first translation). */
    private boolean rdiWritten;
    /** Loading a call's arguments: rdi written there is pushed around the call when a local lives in it. */
    private boolean loadingArguments;

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
        this.arithmetic = new Arithmetic(this);
        this.branches = new Branches(this);
        this.data = new StaticData(this);
    }

    /** An error naming the body being translated (an inlined callee reads as if compiled on its own). */
    CompileException reject(String what) {
        String source = body.owner.findAttribute(Attributes.sourceFile()).map(s -> s.sourceFile().stringValue()).orElse("?");
        return new CompileException(body.ref.display() + " @" + body.offset + " (" + source + ":" + (body.line < 0 ? "?" : body.line) + "): " + what);
    }

    // --- frame layout ----------------------------------------------------------------------

    /** A local: its callee-saved register, or its frame slot. */
    micros.asm.Operand local(int index) {
        Gpr r = registerOf.get(index);
        if (r != null) return r;
        usesSlots = true;
        return layout.slot(index);
    }

    /** The same local viewed at 32 bits. */
    micros.asm.Operand local32(int index) {
        micros.asm.Operand o = local(index);
        return o instanceof Gpr g ? g.withBits(32) : ((Mem) o).withBits(32);
    }

    Mem slot(int depth) { usesSlots = true; return layout.slot(locals + depth); }

    Mem top(int fromTop) { return slot(stack.size() - 1 - fromTop); }

    static Mem d(Mem m) { return m.withBits(32); }

    String newLabel() { return symbol + ".L" + (localLabels++); }

    String label(Label l) { return body.labels.computeIfAbsent(l, x -> newLabel()); }

    char pop() {
        if (stack.isEmpty()) throw reject("operand stack underflow (unsupported bytecode shape)");
        return stack.removeLast().kind();
    }

    char kindAt(int fromTop) { return stack.get(stack.size() - 1 - fromTop).kind(); }

    Mem pushSlot(char kind) { stack.add(new StackEntry.InSlot(kind)); return top(0); }

    /** Pushes the value in rax (eax for int-like kinds) without storing it. */
    void pushRax(char kind) { stack.add(new StackEntry.InRax(kind)); }

    /** Turns a pending lcmp into its -1/0/1 value in eax. */
    void settleCompare() {
        if (!stack.isEmpty() && stack.getLast() instanceof StackEntry.Compared) {
            a.setcc(Cond.G, AL).setcc(Cond.L, CL).sub(AL, CL).movsx(EAX, AL);
            stack.set(stack.size() - 1, new StackEntry.InRax(INT));
        }
    }

    /** Whether {@code i} leaves a pending read pending (it emits nothing) or takes it without rax. */
    private boolean takesRead(Instruction i) {
        if (stack.isEmpty()) return true;
        return switch (i) {
            case ConstantInstruction c -> !(c.constantValue() instanceof String);
            case LoadInstruction l -> true;
            case StoreInstruction s -> stack.getLast() instanceof StackEntry.Read && registerOf.get(body.local(s.slot())) != null;
            case BranchInstruction b -> {
                int op = b.opcode().bytecode();
                if (op >= Opcode.IFEQ.bytecode() && op <= Opcode.IFLE.bytecode())
                    yield stack.getLast() instanceof StackEntry.Read r && (r.width() == 32 || op <= Opcode.IFNE.bytecode());
                yield op >= Opcode.IF_ICMPEQ.bytecode() && op <= Opcode.IF_ICMPLE.bytecode() && stack.size() >= 2
                        && stack.get(stack.size() - 2) instanceof StackEntry.Read r && r.width() == 32 && stack.getLast() instanceof StackEntry.Constant;
            }
            case OperatorInstruction o -> o.opcode() == Opcode.LCMP && stack.size() >= 2 && stack.get(stack.size() - 2) instanceof StackEntry.Read
                    && stack.getLast() instanceof StackEntry.Constant c && c.value() == (int) c.value();
            default -> false;
        };
    }

    /** Emits a pending read into rax (there is no other value in rax: the read was the last code emitted). */
    void settleRead() {
        for (int k = 0; k < stack.size(); k++)
            if (stack.get(k) instanceof StackEntry.Read) { loadDepth(RAX, k); stack.set(k, new StackEntry.InRax(stack.get(k).kind())); }
    }

    /** Writes the entry living in rax, if any, to its slot, before rax is used for something else. */
    void spillRax() {
        for (int i = 0; i < stack.size(); i++) if (stack.get(i) instanceof StackEntry.InRax) materialize(i);
    }

    /** Loads the entry {@code fromTop} below the top into {@code dst} (32-bit view for int-like entries). */
    void load(Gpr dst, int fromTop) { loadDepth(dst, stack.size() - 1 - fromTop); }

    void loadDepth(Gpr dst, int depth) {
        StackEntry e = stack.get(depth);
        if (dst.number() == RDI.number() && !loadingArguments) rdiWritten = true;
        if (dst.number() == 0 && !(e instanceof StackEntry.InRax)) spillRax();
        boolean narrow = e.kind() == INT;
        Gpr d = narrow ? dst.withBits(32) : dst.withBits(64);
        switch (e) {
            case StackEntry.Constant c -> {
                if (c.value() == 0) a.xor(d.withBits(32), d.withBits(32));
                else a.mov(d, imm(narrow ? (int) c.value() : c.value()));
            }
            case StackEntry.Local l -> {
                micros.asm.Operand src = narrow ? local32(l.index()) : local(l.index());
                if (src != d) a.mov(d, src);
            }
            case StackEntry.InSlot s -> a.mov(d, narrow ? d(slot(depth)) : slot(depth));
            case StackEntry.InRax r -> { if (d.number() != 0) a.mov(d, narrow ? EAX : RAX); }
            case StackEntry.Offset o -> {
                Gpr r = registerOf.get(o.index());
                if (r != null) a.lea(d, qword(r, o.disp()));
                else a.mov(d, local(o.index())).lea(d, qword(d, o.disp())); // lea: a pending lcmp's flags survive
            }
            case StackEntry.Read r -> read(d, r);
            case StackEntry.Compared c -> throw new IllegalStateException("an lcmp result is settled before it is read");
        }
    }

    /** Emits a pending memory read into {@code d} (zero-extended below 32 bits, as the intrinsics define). */
    private void read(Gpr d, StackEntry.Read r) {
        switch (r.width()) {
            case 8 -> a.movzx(d.withBits(32), r.at().withBits(8));
            case 16 -> a.movzx(d.withBits(32), r.at().withBits(16));
            case 32 -> a.mov(d.withBits(32), r.at().withBits(32));
            default -> a.mov(d.withBits(64), r.at().withBits(64));
        }
    }

    /** The register holding the entry at {@code depth} as it is (a local kept in one, at the entry's width); else null. */
    Gpr registerHolding(int depth) {
        StackEntry e = stack.get(depth);
        Gpr r = e instanceof StackEntry.Local l ? registerOf.get(l.index()) : e instanceof StackEntry.InRax ? RAX : null;
        return r == null ? null : r.withBits(e.kind() == INT ? 32 : 64);
    }

    /** The memory operand addressing the (long) entry at {@code depth}: a local's register plus an offset if it can. */
    Mem address(int depth) {
        StackEntry e = stack.get(depth);
        Gpr r = e.local() >= 0 ? registerOf.get(e.local()) : null;
        int disp = e instanceof StackEntry.Offset o ? o.disp() : 0;
        if (r != null) return qword(r, disp);
        if (e instanceof StackEntry.Offset o) { rdiWritten = true; a.mov(RDI, local(o.index())); return qword(RDI, disp); }
        loadDepth(RDI, depth);
        return qword(RDI, 0);
    }

    /** Writes the entry at {@code depth} to its slot (if it is not there yet). */
    void materialize(int depth) {
        StackEntry e = stack.get(depth);
        if (e instanceof StackEntry.InSlot) return;
        if (e instanceof StackEntry.InRax) a.mov(slot(depth), RAX);
        else if (e instanceof StackEntry.Constant c && c.value() == (int) c.value()) a.mov(slot(depth), imm(c.value()));
        else { loadDepth(RAX, depth); a.mov(slot(depth), RAX); }
        stack.set(depth, new StackEntry.InSlot(e.kind()));
    }

    /** The stack as a branch target expects it: in slots, but for the top in rax at a {@link Body#raxTargets} one. */
    void leaveStackFor(boolean raxTarget) {
        if (!raxTarget) { materializeBelow(0); return; }
        materializeBelow(1);
        char k = kindAt(0);
        load(RAX, 0);
        stack.set(stack.size() - 1, new StackEntry.InRax(k));
    }

    /** Every entry below the top {@code keep} ones to its slot: what a branch target expects. */
    void materializeBelow(int keep) { for (int i = 0; i < stack.size() - keep; i++) materialize(i); }

    /** Entries naming local {@code index} to their slots, before the local changes. */
    void materializeLocal(int index) {
        for (int i = 0; i < stack.size(); i++) if (stack.get(i).local() == index) materialize(i);
    }

    // --- the method ------------------------------------------------------------------------

    void compile() {
        CodeModel code = body.code;
        MethodTypeDesc type = ref.type();
        boolean leaf = code.elementStream().noneMatch(e -> e instanceof InvokeInstruction i && !Intrinsics.isIntrinsic(i.owner().asInternalName())
                && !(i.opcode() == Opcode.INVOKESTATIC && inliner.inlinable(MethodRef.of(i))));
        // Registers go to the locals the code names, in order of first use (a long's second index needs none).
        java.util.LinkedHashSet<Integer> used = new java.util.LinkedHashSet<>();
        for (int i = 0, idx = 0; i < type.parameterCount(); i++) { used.add(idx); idx += TypeKind.from(type.parameterType(i)).slotSize(); }
        code.elementStream().forEach(e -> {
            switch (e) {
                case LoadInstruction l -> used.add(l.slot());
                case StoreInstruction st -> used.add(st.slot());
                case IncrementInstruction inc -> used.add(inc.slot());
                default -> { }
            }
        });
        // Leaves use r8-r11 first, which cost no saving; a method that calls needs registers its callees keep,
        // unless it has at most two locals and no call in a loop: r10/r11 then, pushed around each call.
        List<Gpr> pool = new ArrayList<>(leaf ? SCRATCH : List.of());
        boolean fewLocals = !leaf && used.size() <= AROUND_CALLS.size() && !callsInLoops(code);
        pool.addAll(fewLocals ? AROUND_CALLS : CALLEE_SAVED);
        for (int idx : used) if (registerOf.size() < pool.size()) registerOf.put(idx, pool.get(registerOf.size()));
        taken.addAll(registerOf.values());
        aroundCalls = fewLocals ? AROUND_CALLS.stream().filter(taken::contains).toList() : List.of();
        // The first parameter stays in rdi when nothing but calls writes it (the register it would have got
        // stays taken, so that every other register is as the measuring translation had it).
        if (given != null && given.firstInRdi()) registerOf.put(0, RDI);
        // Inlined bodies make no calls: scratch registers (rsi too, which Memory.copy saves) before callee-saved ones.
        for (Gpr r : SCRATCH) if (!taken.contains(r)) spare.add(r);
        spare.add(RSI);
        for (Gpr r : CALLEE_SAVED) if (!taken.contains(r)) spare.add(r);
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
                    if (stack != null && f != null) leaveStackFor(rax);
                    if (f != null) {
                        resetStack(b.below);
                        for (char k : f) stack.add(new StackEntry.InSlot(k));
                        if (rax) stack.set(stack.size() - 1, new StackEntry.InRax(f.getLast()));
                    }
                    a.label(label(t.label()));
                }
                case LineNumber n -> b.line = n.line();
                case Instruction i -> {
                    // Reported at the try block's first instruction, once its line is known.
                    if (b.inTry) throw reject("exception handlers (try/catch/finally) are not kernel-Java");
                    if (stack == null) resetStack(b.below);
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

    /** The operand stack as a branch target finds it: {@code kinds} in their slots; null for unreachable. */
    void resetStack(List<Character> kinds) {
        if (kinds == null) { stack = null; return; }
        stack = new ArrayList<>();
        for (char k : kinds) stack.add(new StackEntry.InSlot(k));
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
        boolean fusedCompare = i instanceof BranchInstruction b && !stack.isEmpty() && stack.getLast() instanceof StackEntry.Compared
                && b.opcode().bytecode() >= Opcode.IFEQ.bytecode() && b.opcode().bytecode() <= Opcode.IFLE.bytecode();
        if (!fusedCompare) settleCompare();
        if (!takesRead(i)) settleRead();
        if (!keepsRax) spillRax();
        switch (i) {
            case ConstantInstruction c -> constant(c);
            case LoadInstruction l -> load(l);
            case StoreInstruction s -> store(s);
            case IncrementInstruction inc -> { int x = body.local(inc.slot()); materializeLocal(x); a.add(local32(x), imm(inc.constant())); }
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
                if (r.typeKind() != TypeKind.VOID) load(RAX, 0);
                layout.epilogue(a);
                stack = null;
            }
            case InvokeInstruction inv -> invoke(inv);
            case FieldInstruction f -> data.field(f);
            case ArrayLoadInstruction al -> data.arrayLoad(al.typeKind());
            case ArrayStoreInstruction as -> data.arrayStore(as.typeKind());
            case StackInstruction s -> stackOp(s.opcode());
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

    private void constant(ConstantInstruction c) {
        Object v = c.constantValue();
        switch (v) {
            case Integer n -> stack.add(new StackEntry.Constant(INT, n));
            case Long n -> stack.add(new StackEntry.Constant(LONG, n));
            case String s -> a.lea(RAX, rip(compiler.stringLiteral(s))).mov(pushSlot(STRING), RAX);
            case null -> throw reject("null references are not kernel-Java");
            default -> throw reject((v instanceof Float || v instanceof Double ? "floating point" : "constant " + v) + " is not kernel-Java");
        }
    }

    private void load(LoadInstruction l) {
        StackEntry bound = body.bound.get(l.slot());
        if (bound != null) { stack.add(bound); return; } // a parameter of an inlined body: the argument itself
        int x = body.local(l.slot());
        switch (l.typeKind()) {
            case INT -> stack.add(new StackEntry.Local(INT, x));
            case LONG -> stack.add(new StackEntry.Local(LONG, x));
            case REFERENCE -> stack.add(new StackEntry.Local(REF, x));
            default -> throw reject("floating point (" + l.opcode().name().toLowerCase() + ") is not kernel-Java");
        }
    }

    private void store(StoreInstruction s) {
        switch (s.typeKind()) {
            case INT, LONG, REFERENCE -> {
                if (kindAt(0) == STRING) throw reject("a String is not kernel-Java except as an argument of a logging intrinsic");
                storeTo(body.local(s.slot()), stack.size() - 1);
                pop();
            }
            default -> throw reject("floating point (" + s.opcode().name().toLowerCase() + ") is not kernel-Java");
        }
    }

    /** Writes the entry at {@code depth} (the top, or an argument of an inlined call) to local {@code index}. */
    void storeTo(int index, int depth) {
        StackEntry value = stack.get(depth);
        if (value instanceof StackEntry.Local l && l.index() == index) return;
        if (value instanceof StackEntry.InRax) {
            for (StackEntry e : stack) if (e.local() == index) { spillRax(); break; }
        }
        // Entries naming the local keep its old value; the stored entry itself is read just below.
        for (int i = 0; i < stack.size(); i++) if (i != depth && stack.get(i).local() == index) materialize(i);
        micros.asm.Operand dst = local(index);
        if (dst instanceof Gpr g) loadDepth(g, depth);
        else { loadDepth(RAX, depth); a.mov(dst, RAX); }
    }

    /** Registers for the locals of a body being inlined, as long as spare ones last. */
    void giveRegisters(List<Integer> indices) {
        for (int x : indices) if (!spare.isEmpty()) { Gpr r = spare.removeFirst(); registerOf.put(x, r); taken.add(r); }
    }

    /** Local {@code index} (of an inlined body) lives in the register of local {@code with}, which has one. */
    void shareRegister(int index, int with) { registerOf.put(index, registerOf.get(with)); }

    /** Ends {@link #shareRegister}: the register stays with the local it belongs to. */
    void unshareRegister(int index) { registerOf.remove(index); }

    /** The registers of an inlined body's locals back to the spare ones, once the body is done. */
    void takeRegisters(List<Integer> indices) {
        for (int k = indices.size() - 1; k >= 0; k--) {
            Gpr r = registerOf.remove(indices.get(k));
            if (r != null) spare.addFirst(r);
        }
    }

    private void stackOp(Opcode o) {
        switch (o) {
            case POP -> pop();
            case POP2 -> { if (pop() != LONG) pop(); }
            case DUP -> duplicate(0);
            case DUP2 -> {
                if (kindAt(0) == LONG) duplicate(0);
                else { duplicate(1); duplicate(1); }
            }
            case SWAP -> {
                materializeBelow(0);
                a.mov(RAX, top(0)).mov(RCX, top(1)).mov(top(0), RCX).mov(top(1), RAX);
                StackEntry e0 = stack.removeLast(), e1 = stack.removeLast();
                stack.add(e0);
                stack.add(e1);
            }
            case DUP_X1 -> {
                // ..., v2, v1 -> ..., v1, v2, v1
                materializeBelow(0);
                char k1 = kindAt(0), k2 = kindAt(1);
                a.mov(RAX, top(0)).mov(RCX, top(1));
                a.mov(top(1), RAX).mov(top(0), RCX).mov(pushSlot(k1), RAX);
                stack.set(stack.size() - 3, new StackEntry.InSlot(k1));
                stack.set(stack.size() - 2, new StackEntry.InSlot(k2));
            }
            default -> throw reject("stack shuffle " + o.name().toLowerCase() + " is not supported");
        }
    }

    /** Pushes a copy of the entry {@code fromTop} below the top: constants and locals copy for free. */
    private void duplicate(int fromTop) {
        StackEntry e = stack.get(stack.size() - 1 - fromTop);
        if (e instanceof StackEntry.InSlot) { a.mov(RAX, top(fromTop)); a.mov(pushSlot(e.kind()), RAX); }
        else stack.add(e);
    }

    private void invoke(InvokeInstruction inv) {
        if (inv.opcode() != Opcode.INVOKESTATIC)
            throw reject((inv.opcode() == Opcode.INVOKESPECIAL ? "constructor or private instance call" : "virtual or interface call")
                    + " (" + inv.opcode().name().toLowerCase() + " " + inv.owner().asInternalName() + "." + inv.name().stringValue() + ") is not kernel-Java");
        MethodRef callee = MethodRef.of(inv);
        MethodTypeDesc type = callee.type();
        int n = type.parameterCount();
        List<Character> kinds = new ArrayList<>();
        for (StackEntry e : stack.subList(stack.size() - n, stack.size())) kinds.add(e.kind());
        int base = stack.size() - n;
        for (int k = 0; k < base; k++) if (stack.get(k) instanceof StackEntry.InRax) materialize(k); // the call or intrinsic reuses rax
        if (Intrinsics.lower(this, callee, base, kinds)) return;
        if (inliner.inlinable(callee)) { inliner.inline(this, callee); return; }
        for (int k = 0; k < n; k++) if (kinds.get(k) == STRING) throw reject("a String is not kernel-Java except as an argument of a logging intrinsic");
        String target = compiler.request(callee, this);
        Gpr[] args = {RDI, RSI, RDX, RCX, R8, R9};
        if (n > args.length) throw reject("calls with more than 6 arguments are not supported");
        layout.beforeCall(a);
        // Last argument first: an argument naming the local kept in rdi reads it before rdi is loaded.
        loadingArguments = true;
        for (int k = n - 1; k >= 0; k--) loadDepth(args[k], base + k);
        loadingArguments = false;
        a.call(target);
        layout.afterCall(a);
        for (int k = 0; k < n; k++) pop();
        pushResult(type.returnType());
    }

    /** Pushes rax/eax as the result of a call returning {@code t}. */
    void pushResult(ClassDesc t) {
        TypeKind k = TypeKind.from(t);
        switch (k) {
            case VOID -> { }
            case LONG -> pushRax(LONG);
            case INT, BOOLEAN, BYTE, CHAR, SHORT -> pushRax(INT);
            default -> throw reject("calls returning " + t.displayName() + " are not kernel-Java");
        }
    }

    Assembler asm() { return a; }

    /** After a measuring translation: the layout the real one uses. */
    FrameLayout measured() {
        List<Gpr> saved = CALLEE_SAVED.stream().filter(taken::contains).toList();
        // The first parameter can stay in rdi when no code writes rdi but a call, and calls save it as they
        // save the other locals: in leaves, and in methods keeping their locals in registers pushed around calls.
        Gpr first = ref.type().parameterCount() > 0 ? registerOf.get(0) : null;
        boolean firstInRdi = first != null && !rdiWritten && (layout.leaf() || aroundCalls.contains(first));
        List<Gpr> around = firstInRdi ? aroundCalls.stream().map(r -> r == first ? RDI : r).toList() : aroundCalls;
        return new FrameLayout(usesSlots, saved, layout.leaf(), locals + body.maxStack + inliner.extra(body.code)[1], around, firstInRdi);
    }

    /** Whether a call (not inlined) sits in a loop: between a backward branch and its target. */
    private boolean callsInLoops(CodeModel code) {
        java.lang.classfile.attribute.CodeAttribute attribute = (java.lang.classfile.attribute.CodeAttribute) code;
        List<Integer> calls = new ArrayList<>();
        List<int[]> loops = new ArrayList<>();
        int bci = 0;
        for (CodeElement e : code) {
            if (!(e instanceof Instruction i)) continue;
            if (i instanceof InvokeInstruction v && !Intrinsics.isIntrinsic(v.owner().asInternalName())
                    && !(v.opcode() == Opcode.INVOKESTATIC && inliner.inlinable(MethodRef.of(v)))) calls.add(bci);
            if (i instanceof BranchInstruction b && attribute.labelToBci(b.target()) <= bci) loops.add(new int[] {attribute.labelToBci(b.target()), bci});
            bci += i.sizeInBytes();
        }
        return calls.stream().anyMatch(c -> loops.stream().anyMatch(l -> c >= l[0] && c <= l[1]));
    }

    Body body() { return body; }

    Gpr registerOf(int local) { return registerOf.get(local); }

    int nextStore() { return nextStore; }

    Compiler compiler() { return compiler; }

    String divisionByZeroLabel() { return compiler.divisionByZero(this, body.symbol); }

    List<StackEntry> stack() { return stack; }
}
