package micros.compiler;

import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static micros.asm.Gpr.RAX;

/**
 * Copies small loop-free static methods into their callers instead of calling them: a call with its frame
 * costs more than the body of a list helper. An inlined body is translated in place by the caller's
 * {@link MethodCompiler} with its parameters bound to the arguments (a caller's local, local plus offset
 * or constant directly when the callee never assigns the parameter, else a fresh local of the caller) and
 * its returns jumping to a join label with the value in rax (or in the register of the local it is stored to next).
 * The arguments are on the operand stack before the body runs, so Java's evaluation order holds; an error
 * or a panic in the body names the callee.
 */
final class Inliner {
    /** Bytecode size up to which a method is inlined: FrameList's helpers are 55-60 bytes. */
    static final int MAX_BYTES = 64;

    private final Compiler compiler;
    private final Map<MethodRef, Boolean> verdicts = new HashMap<>();
    /** Per method: the locals and operand-stack slots its inlined calls add, nested ones included. */
    private final Map<MethodRef, int[]> extras = new HashMap<>();

    Inliner(Compiler compiler) { this.compiler = compiler; }

    /** Whether calls to {@code m} are inlined: small, static, no loops, and calling only what is inlined itself. */
    boolean inlinable(MethodRef m) {
        Boolean known = verdicts.get(m);
        if (known != null) return known;
        verdicts.put(m, false); // reached again while deciding: recursion, which is never inlined
        boolean verdict = decide(m);
        verdicts.put(m, verdict);
        return verdict;
    }

    private boolean decide(MethodRef m) {
        Compiler.Found f = compiler.find(m);
        if (f == null || (f.method().flags().flagsMask() & Modifier.STATIC) == 0) return false;
        CodeModel code = f.method().code().orElse(null);
        if (code == null || !code.exceptionHandlers().isEmpty()) return false;
        CodeAttribute attribute = (CodeAttribute) code;
        if (attribute.codeLength() > MAX_BYTES) return false;
        int bci = 0;
        for (CodeElement e : code) {
            if (!(e instanceof Instruction i)) continue;
            switch (i) {
                case BranchInstruction b -> { if (attribute.labelToBci(b.target()) <= bci) return false; } // a loop
                case TableSwitchInstruction t -> { return false; }
                case LookupSwitchInstruction t -> { return false; }
                case InvokeInstruction v -> {
                    if (v.opcode() != Opcode.INVOKESTATIC) return false;
                    MethodRef callee = MethodRef.of(v);
                    if (!Intrinsics.isIntrinsic(callee.owner()) && !inlinable(callee)) return false;
                }
                default -> { }
            }
            bci += i.sizeInBytes();
        }
        return true;
    }

    /** {locals, stack slots} that the calls {@code code} inlines need beyond its own. */
    int[] extra(CodeModel code) {
        int locals = 0, stack = 0;
        for (CodeElement e : code) {
            if (!(e instanceof InvokeInstruction v) || v.opcode() != Opcode.INVOKESTATIC) continue;
            MethodRef callee = MethodRef.of(v);
            if (Intrinsics.isIntrinsic(callee.owner()) || !inlinable(callee)) continue;
            int[] own = extras.get(callee);
            if (own == null) {
                CodeModel cc = compiler.find(callee).method().code().orElseThrow();
                CodeAttribute a = (CodeAttribute) cc;
                int[] nested = extra(cc);
                own = new int[] {a.maxLocals() + nested[0], a.maxStack() + nested[1]};
                extras.put(callee, own);
            }
            locals = Math.max(locals, own[0]);
            stack = Math.max(stack, own[1]);
        }
        return new int[] {locals, stack};
    }

    /** Translates a call to {@code callee}, whose arguments are the top of the operand stack, as its body in place. */
    void inline(MethodCompiler m, MethodRef callee) {
        Compiler.Found f = compiler.find(callee);
        CodeModel code = f.method().code().orElseThrow();
        Body caller = m.body();
        OperandStack stack = m.stack();
        MethodTypeDesc type = callee.type();
        int n = type.parameterCount(), base = stack.size() - n;
        List<Character> below = new ArrayList<>();
        for (StackEntry e : stack.entries().subList(0, base)) below.add(e.kind());
        Body body = new Body(f.owner(), callee, compiler.symbolOf(callee, f.owner()), code,
                caller.localBase + caller.maxLocals, below, m.newLabel());
        Set<Integer> assigned = new java.util.HashSet<>();
        Set<Integer> used = new LinkedHashSet<>();
        int returns = 0, position = 0;
        CodeElement last = null, previous = null;
        // The slot the last return (the one falling into the join) returns, when it returns a local.
        int returnedSlot = -1;
        for (CodeElement e : code) {
            switch (e) {
                case StoreInstruction s -> { assigned.add(s.slot()); used.add(s.slot()); }
                case IncrementInstruction inc -> { assigned.add(inc.slot()); used.add(inc.slot()); }
                case LoadInstruction l -> used.add(l.slot());
                case ReturnInstruction r -> returns++;
                default -> { }
            }
            if (e instanceof Instruction) {
                if (e instanceof ReturnInstruction) returnedSlot = previous instanceof LoadInstruction l ? l.slot() : -1;
                previous = e;
                last = e;
                body.last = position;
            }
            position++;
        }
        if (!(last instanceof ReturnInstruction)) returnedSlot = -1;
        body.singleReturn = returns == 1 && last instanceof ReturnInstruction;
        // x = f(...): with several returns, each puts the value straight into x's register instead of rax.
        int store = m.nextStore();
        if (!body.singleReturn && store >= 0 && m.registers().of(store) != null && type.returnType() != java.lang.constant.ConstantDescs.CD_void
                && stack.entries().subList(0, base).stream().noneMatch(e -> e.local() == store)) body.resultTo = store;
        List<Integer> copied = new ArrayList<>();
        for (int k = 0, slot = 0; k < n; slot += TypeKind.from(type.parameterType(k)).slotSize(), k++) {
            StackEntry arg = stack.get(base + k);
            if (arg.kind() == MethodCompiler.STRING) throw m.reject("a String is not kernel-Java except as an argument of a logging intrinsic");
            if (!assigned.contains(slot) && (arg.local() >= 0 || arg instanceof StackEntry.Constant)) body.bound.put(slot, arg);
            else copied.add(slot);
        }
        used.removeAll(body.bound.keySet());
        // The local the last return reads shares the register of the caller's local the result goes to: the
        // caller's value is dead until the join writes it, and nothing in the body reads it (no argument
        // names it), so the body computes the result in place and that return moves nothing.
        int shared = -1;
        if (body.resultTo >= 0 && returnedSlot >= 0 && used.contains(returnedSlot)
                && stack.entries().subList(base, base + n).stream().noneMatch(e -> e.local() == store)) {
            shared = body.local(returnedSlot);
            used.remove(returnedSlot);
            m.registers().share(shared, body.resultTo);
        }
        List<Integer> locals = new ArrayList<>();
        for (int slot : used) locals.add(body.local(slot));
        m.registers().give(locals);
        // Copy the other arguments into their locals; the stack entries are popped after, all at once.
        for (int k = 0, slot = 0, copy = 0; k < n; slot += TypeKind.from(type.parameterType(k)).slotSize(), k++) {
            if (copy < copied.size() && copied.get(copy) == slot) { stack.storeTo(body.local(slot), base + k); copy++; }
        }
        for (int k = 0; k < n; k++) stack.removeLast();
        m.run(body);
        if (!body.singleReturn) {
            m.asm().label(body.join);
            stack.reset(below);
            if (body.resultTo >= 0) stack.push(new StackEntry.Local(TypeKind.from(type.returnType()) == TypeKind.LONG ? MethodCompiler.LONG : MethodCompiler.INT, body.resultTo));
            else m.pushResult(type.returnType());
        }
        m.registers().take(locals);
        if (shared >= 0) m.registers().unshare(shared);
    }

    /** A return in an inlined body: the value becomes the call's result and control goes to the join label. */
    void ret(MethodCompiler m, Body body, ReturnInstruction r) {
        boolean value = r.typeKind() != TypeKind.VOID;
        OperandStack stack = m.stack();
        if (stack.size() != body.below.size() + (value ? 1 : 0))
            throw m.reject("values left on the operand stack at a return (unsupported bytecode shape)");
        if (body.singleReturn) {
            // The value may stay where it is (a constant, a caller's local, rax), unless it is a local of this
            // body: its register goes to the next inlined body.
            if (value && stack.last().local() >= body.localBase) {
                char k = stack.last().kind();
                stack.load(RAX, 0);
                stack.pop();
                stack.pushRax(k);
            }
            return;
        }
        stack.materializeBelow(value ? 1 : 0);
        if (value && body.resultTo >= 0) stack.load(m.registers().of(body.resultTo), 0);
        else if (value) stack.load(RAX, 0);
        if (body.index != body.last) m.asm().jmp(body.join);
        stack.reset(null);
    }
}
