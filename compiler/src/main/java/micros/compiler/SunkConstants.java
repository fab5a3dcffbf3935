package micros.compiler;

import micros.asm.Assembler;
import micros.asm.Gpr;

import java.lang.classfile.CodeElement;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static micros.asm.Operands.imm;

/**
 * {@code x = C; if (c) ...} where the code the branch falls into assigns x before anything reads it: C is
 * dead on that path, so it is stored only on the branch's taken edge, by a stub after the method
 * ({@code mov x, C; jmp target}). The path falling through carries no store: in {@code FrameList.pop}
 * ({@code next = 0; if (tag != 0) next = read64(...)}) that is the pop of a frame with a next one.
 */
final class SunkConstants {
    private record Stub(String label, Gpr register, StackEntry.Constant value, String target) {}

    private final List<Stub> stubs = new ArrayList<>();
    /** The pending sunk store: the body and element position of the branch that takes it, its register and value. */
    private Body body;
    private int branchAt = -1;
    private Gpr register;
    private StackEntry.Constant value;

    /**
     * Whether the store of {@code c} to local {@code slot} of {@code b} (its register {@code r}), the element
     * being translated, can sink into the branch that follows; if so it is pending until that branch.
     */
    boolean sink(Body b, StoreInstruction store, Gpr r, StackEntry.Constant c) {
        Slots x = new Slots(store.slot(), store.typeKind().slotSize());
        if (branchAt >= 0) return false;
        List<CodeElement> elements = b.code.elementList();
        int k = b.index + 1;
        // The branch's operands: loads of other locals, constants and operators on them, which leave x alone
        // (and labels no branch targets, where no other path comes in).
        while (k < elements.size() && operand(elements.get(k), x, b)) k++;
        if (k >= elements.size() || !(elements.get(k) instanceof BranchInstruction branch)
                || branch.opcode() == Opcode.GOTO || branch.opcode() == Opcode.GOTO_W) return false;
        if (!assignedBeforeRead(elements, k + 1, b, x, branch)) return false;
        body = b;
        branchAt = k;
        register = r;
        value = c;
        return true;
    }

    private static boolean operand(CodeElement e, Slots x, Body b) {
        return switch (e) {
            case LoadInstruction l -> !x.overlap(l.slot(), l.typeKind().slotSize());
            case ConstantInstruction c -> !(c.constantValue() instanceof String);
            case OperatorInstruction o -> true;
            case ConvertInstruction c -> true;
            case LineNumber n -> true;
            case LabelTarget t -> !b.frames.containsKey(t.label());
            default -> false;
        };
    }

    /** Whether the straight line from {@code from} stores local {@code x} before reading it or reaching a join. */
    private static boolean assignedBeforeRead(List<CodeElement> elements, int from, Body b, Slots x, BranchInstruction branch) {
        for (int j = from; j < elements.size(); j++) {
            switch (elements.get(j)) {
                case StoreInstruction s when s.slot() == x.first() && s.typeKind().slotSize() == x.size() -> { return true; }
                case StoreInstruction s -> { if (x.overlap(s.slot(), s.typeKind().slotSize())) return false; }
                case LoadInstruction l -> { if (x.overlap(l.slot(), l.typeKind().slotSize())) return false; }
                case IncrementInstruction i -> { if (x.overlap(i.slot(), 1)) return false; }
                case LabelTarget t -> { if (t.label() == branch.target() || b.frames.containsKey(t.label())) return false; }
                case BranchInstruction other -> { return false; }
                case TableSwitchInstruction other -> { return false; }
                case LookupSwitchInstruction other -> { return false; }
                case ReturnInstruction other -> { return false; }
                case ThrowInstruction other -> { return false; }
                default -> { }
            }
        }
        return false;
    }

    /** The bytecode slots a local takes: a long two, others one. */
    private record Slots(int first, int size) {
        boolean overlap(int slot, int n) { return slot < first + size && first < slot + n; }
    }

    /** The label the branch being translated in {@code b} jumps to: the stub of a pending sunk store, else {@code target}. */
    String target(Body b, String target, Supplier<String> newLabel) {
        if (b != body || b.index != branchAt) return target;
        Stub stub = new Stub(newLabel.get(), register, value, target);
        stubs.add(stub);
        body = null;
        branchAt = -1;
        return stub.label();
    }

    /** The stubs, after the method's code; a sunk store that no branch took is a translation bug. */
    void emit(Assembler a) {
        if (branchAt >= 0) throw new IllegalStateException("a sunk constant store was never emitted");
        for (Stub s : stubs) {
            a.label(s.label());
            Gpr d = s.register().withBits(s.value().kind() == MethodCompiler.INT ? 32 : 64);
            if (s.value().value() == 0) a.xor(d.withBits(32), d.withBits(32));
            else a.mov(d, imm(s.value().kind() == MethodCompiler.INT ? (int) s.value().value() : s.value().value()));
            a.jmp(s.target());
        }
    }
}
