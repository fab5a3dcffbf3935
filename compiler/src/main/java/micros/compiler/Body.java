package micros.compiler;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Label;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.lang.classfile.instruction.ExceptionCatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One bytecode body being translated: the compiled method itself, or a callee inlined into it. Labels,
 * stack maps, the position reported in errors and the numbering of locals belong to the body, so that an
 * inlined callee reads exactly as it would compiled on its own (an error in it names it, not its caller).
 */
final class Body {
    final ClassModel owner;
    final MethodRef ref;
    /** The symbol panics and local labels are named after. */
    final String symbol;
    final CodeModel code;
    final int maxLocals, maxStack;
    /** Where the body's local 0 is among the method's locals: inlined bodies get fresh locals above their caller's. */
    final int localBase;
    /** Operand-stack entries below the body's own: the caller's, at the inlined call. */
    final List<Character> below;
    /** The label after an inlined body that its returns go to; null for the method itself. */
    final String join;
    final Map<Label, String> labels = new HashMap<>();
    final Map<Label, List<Character>> frames = new HashMap<>();
    final Set<Label> tryStarts = new HashSet<>();
    /**
     * Branch targets reached only by goto and falling through whose operand stack is not empty (the join
     * of {@code c ? x : y}): their top entry arrives in rax instead of its slot. A conditional branch needs
     * rax for its compare, so its targets keep every entry in its slot.
     */
    final Set<Label> raxTargets = new HashSet<>();
    /** Parameters an inlined body never assigns, bound to the caller's locals or constants instead of copies. */
    final Map<Integer, StackEntry> bound = new HashMap<>();
    /**
     * The position of the last instruction among the code's elements (by position: the API shares one object
     * among equal simple instructions), whether it is the only return (an inlined result can then stay where
     * it is), and the position of the element being translated.
     */
    int last = Integer.MAX_VALUE;
    boolean singleReturn;
    int index;
    /** The caller's local that the inlined call's result is stored to next, when it has a register: returns put the value there. */
    int resultTo = -1;
    boolean inTry;
    int offset;
    int line = -1;

    Body(ClassModel owner, MethodRef ref, String symbol, CodeModel code, int localBase, List<Character> below, String join) {
        this.owner = owner;
        this.ref = ref;
        this.symbol = symbol;
        this.code = code;
        java.lang.classfile.attribute.CodeAttribute attribute = (java.lang.classfile.attribute.CodeAttribute) code;
        this.maxLocals = attribute.maxLocals();
        this.maxStack = attribute.maxStack();
        this.localBase = localBase;
        this.below = below;
        this.join = join;
        for (ExceptionCatch c : code.exceptionHandlers()) tryStarts.add(c.tryStart());
        readStackMaps();
        Set<Label> conditional = new HashSet<>();
        for (var e : code) {
            switch (e) {
                case java.lang.classfile.instruction.BranchInstruction b when b.opcode() != java.lang.classfile.Opcode.GOTO
                        && b.opcode() != java.lang.classfile.Opcode.GOTO_W -> conditional.add(b.target());
                case java.lang.classfile.instruction.TableSwitchInstruction t -> { conditional.add(t.defaultTarget()); t.cases().forEach(c -> conditional.add(c.target())); }
                case java.lang.classfile.instruction.LookupSwitchInstruction t -> { conditional.add(t.defaultTarget()); t.cases().forEach(c -> conditional.add(c.target())); }
                default -> { }
            }
        }
        frames.forEach((label, stack) -> { if (!stack.isEmpty() && !conditional.contains(label)) raxTargets.add(label); });
    }

    boolean inlined() { return join != null; }

    /** The method-wide index of the body's local {@code slot}. */
    int local(int slot) { return localBase + slot; }

    /** Stack shapes at branch targets, from the class file's StackMapTable (javac always writes it). */
    private void readStackMaps() {
        code.findAttribute(Attributes.stackMapTable()).ifPresent((StackMapTableAttribute t) -> {
            for (StackMapFrameInfo f : t.entries()) {
                List<Character> s = new ArrayList<>();
                for (StackMapFrameInfo.VerificationTypeInfo v : f.stack()) {
                    s.add(switch (v) {
                        case StackMapFrameInfo.SimpleVerificationTypeInfo simple -> switch (simple) {
                            case INTEGER -> MethodCompiler.INT;
                            case LONG -> MethodCompiler.LONG;
                            default -> MethodCompiler.REF;
                        };
                        default -> MethodCompiler.REF;
                    });
                }
                frames.put(f.target(), s);
            }
        });
    }
}
