package micros.frames;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The allocator must stay in the subset a simple compiler takes: static calls only (to this package or
 * to the intrinsics), no objects, no exceptions, no floating point, no division, Strings only as literal
 * arguments of the logging intrinsics. This reads the bytecode and names any instruction outside it.
 */
class KernelJavaSubsetTest {
    private static final Set<String> CALLABLE_OWNERS =
            Set.of("micros/frames/FrameList", "micros/frames/FrameAllocator", "micros/magic/Memory", "micros/magic/Kernel");
    private static final Set<String> STRING_TAKERS = Set.of("log", "panic");

    @ParameterizedTest
    @ValueSource(classes = {FrameList.class, FrameAllocator.class})
    void onlyKernelJavaConstructs(Class<?> type) throws IOException {
        ClassModel model;
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            model = ClassFile.of().parse(in.readAllBytes());
        }
        var problems = new ArrayList<String>();
        for (MethodModel method : model.methods()) {
            String name = method.methodName().stringValue();
            if (name.equals("<init>")) continue; // the private constructor is never called
            if (!method.flags().has(java.lang.reflect.AccessFlag.STATIC)) problems.add(name + ": not static");
            var code = method.code();
            if (code.isEmpty()) continue;
            List<CodeElement> elements = code.get().elementList();
            for (int i = 0; i < elements.size(); i++) {
                if (!(elements.get(i) instanceof Instruction insn)) continue;
                String where = type.getSimpleName() + "." + name + ": " + insn;
                Opcode op = insn.opcode();
                switch (insn) {
                    case InvokeInstruction invoke -> {
                        if (op != Opcode.INVOKESTATIC) problems.add(where + " (only static calls)");
                        else if (!CALLABLE_OWNERS.contains(invoke.owner().asInternalName()))
                            problems.add(where + " (calls outside the allocator and magic)");
                    }
                    case ConstantInstruction constant when constant.constantValue() instanceof String -> {
                        if (!(next(elements, i) instanceof InvokeInstruction call)
                                || !call.owner().asInternalName().equals("micros/magic/Kernel")
                                || !STRING_TAKERS.contains(call.name().stringValue()))
                            problems.add(where + " (String literal not passed straight to Kernel.log/panic)");
                    }
                    case ConstantInstruction constant when constant.constantValue() instanceof Float
                            || constant.constantValue() instanceof Double
                            || constant.constantValue() instanceof ClassDesc -> problems.add(where + " (constant kind)");
                    case FieldInstruction field -> problems.add(where + " (no fields needed here)");
                    default -> {
                        String mnemonic = op.name();
                        if (mnemonic.startsWith("NEW") || mnemonic.equals("ANEWARRAY") || mnemonic.equals("ATHROW")
                                || mnemonic.equals("CHECKCAST") || mnemonic.equals("INSTANCEOF")
                                || mnemonic.startsWith("MONITOR") || mnemonic.endsWith("DIV") || mnemonic.endsWith("REM")
                                || mnemonic.startsWith("F") || mnemonic.startsWith("D") && !mnemonic.startsWith("DUP")
                                || mnemonic.contains("2F") || mnemonic.contains("2D") || mnemonic.startsWith("INVOKEDYNAMIC"))
                            problems.add(where);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Instruction next(List<CodeElement> elements, int i) {
        for (int j = i + 1; j < elements.size(); j++) if (elements.get(j) instanceof Instruction insn) return insn;
        return null;
    }
}
