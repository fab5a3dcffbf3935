package micros.compiler;

import micros.asm.Gpr;

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
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static micros.asm.Gpr.*;

/**
 * Which register each local of the method being translated lives in (a local without one lives in a frame
 * slot). The first locals get registers: in leaves r8-r11 (which no intrinsic or runtime routine touches),
 * then callee-saved ones; in methods that call, callee-saved ones, or r10/r11 pushed around the calls.
 * Locals of inlined bodies take the registers left over while the body is translated.
 */
final class RegisterAssignment {
    private static final List<Gpr> CALLEE_SAVED = List.of(RBX, R12, R13, R14, R15), SCRATCH = List.of(R8, R9, R10, R11),
            AROUND_CALLS = List.of(R10, R11);

    private final Map<Integer, Gpr> registerOf = new HashMap<>();
    /** Every register some local got: the callee-saved ones among them are pushed in the prologue. */
    private final Set<Gpr> taken = new HashSet<>();
    /**
     * Registers for the locals of inlined bodies: r8-r11 and rsi first, then callee-saved ones, not taken by
     * the method's own locals. An inlined body makes no calls (what it calls is inlined too), so scratch
     * registers survive in it even in a method that calls.
     */
    private final ArrayDeque<Gpr> spare = new ArrayDeque<>();
    /** Registers of locals that calls clobber (not arguments, untouched by intrinsics), pushed around each call. */
    private List<Gpr> aroundCalls = List.of();
    /** Whether code writes rdi for anything but a call's argument. */
    private boolean rdiWritten;

    /** Whether {@code i} is a real call: not an intrinsic, not inlined. */
    static boolean isCall(Instruction i, Inliner inliner) {
        return i instanceof InvokeInstruction v && !Intrinsics.isIntrinsic(v.owner().asInternalName())
                && !(v.opcode() == Opcode.INVOKESTATIC && inliner.inlinable(MethodRef.of(v)));
    }

    /** Whether {@code code} makes no real call. */
    static boolean leaf(CodeModel code, Inliner inliner) {
        return code.elementStream().noneMatch(e -> e instanceof Instruction i && isCall(i, inliner));
    }

    /**
     * Registers for the method's locals, in order of first use (a long's second index needs none). With the
     * layout of a measuring translation, the first parameter stays in rdi where it found that possible.
     */
    void assign(CodeModel code, MethodTypeDesc type, boolean leaf, Inliner inliner, FrameLayout given) {
        LinkedHashSet<Integer> used = new LinkedHashSet<>();
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
        boolean fewLocals = !leaf && used.size() <= AROUND_CALLS.size() && !callsInLoops(code, inliner);
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
    }

    /** Whether a call (not inlined) sits in a loop: between a backward branch and its target. */
    private static boolean callsInLoops(CodeModel code, Inliner inliner) {
        CodeAttribute attribute = (CodeAttribute) code;
        List<Integer> calls = new ArrayList<>();
        List<int[]> loops = new ArrayList<>();
        int bci = 0;
        for (CodeElement e : code) {
            if (!(e instanceof Instruction i)) continue;
            if (isCall(i, inliner)) calls.add(bci);
            if (i instanceof BranchInstruction b && attribute.labelToBci(b.target()) <= bci) loops.add(new int[] {attribute.labelToBci(b.target()), bci});
            bci += i.sizeInBytes();
        }
        return calls.stream().anyMatch(c -> loops.stream().anyMatch(l -> c >= l[0] && c <= l[1]));
    }

    /** The register of local {@code index}, or null when it lives in a slot. */
    Gpr of(int index) { return registerOf.get(index); }

    /** Notes a write to {@code dst} by code other than a call's argument loading. */
    void written(Gpr dst) { if (dst.number() == RDI.number()) rdiWritten = true; }

    /** Registers for the locals of a body being inlined, as long as spare ones last. */
    void give(List<Integer> indices) {
        for (int x : indices) if (!spare.isEmpty()) { Gpr r = spare.removeFirst(); registerOf.put(x, r); taken.add(r); }
    }

    /** Local {@code index} (of an inlined body) lives in the register of local {@code with}, which has one. */
    void share(int index, int with) { registerOf.put(index, registerOf.get(with)); }

    /** Ends {@link #share}: the register stays with the local it belongs to. */
    void unshare(int index) { registerOf.remove(index); }

    /** The registers of an inlined body's locals back to the spare ones, once the body is done. */
    void take(List<Integer> indices) {
        for (int k = indices.size() - 1; k >= 0; k--) {
            Gpr r = registerOf.remove(indices.get(k));
            if (r != null) spare.addFirst(r);
        }
    }

    /**
     * After a measuring translation: the prologue's layout. The first parameter can stay in rdi when no code
     * writes rdi but a call, and calls save it as they save the other locals: in leaves, and in methods keeping
     * their locals in registers pushed around calls.
     */
    FrameLayout measured(boolean frame, boolean leaf, int slots, boolean hasParameters) {
        List<Gpr> saved = CALLEE_SAVED.stream().filter(taken::contains).toList();
        Gpr first = hasParameters ? registerOf.get(0) : null;
        boolean firstInRdi = first != null && !rdiWritten && (leaf || aroundCalls.contains(first));
        List<Gpr> around = firstInRdi ? aroundCalls.stream().map(r -> r == first ? RDI : r).toList() : aroundCalls;
        return new FrameLayout(frame, saved, leaf, slots, around, firstInRdi);
    }
}
