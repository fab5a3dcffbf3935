package micros.compiler;

import micros.compiler.rejects.Rejects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every construct outside kernel-Java is refused at build time, naming class, method, offset, line and construct. */
class RejectionTest {
    static final Path SOURCE = Path.of("src/test/java/micros/compiler/rejects/Rejects.java");
    static final Pattern MESSAGE = Pattern.compile("micros\\.compiler\\.rejects\\.Rejects\\.(\\w+)\\(.*\\)\\S* @(\\d+) \\(Rejects\\.java:(\\d+)\\): (.+)");

    static int markedLine(String method) throws Exception {
        List<String> lines = Files.readAllLines(SOURCE);
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).endsWith("// REJECT " + method)) return i + 1;
        throw new AssertionError("no REJECT marker for " + method);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "allocation|object allocation (new java/lang/Object) is not kernel-Java",
        "arrayAllocation|array allocation at run time (newarray INT) is not kernel-Java; use a static array initialized at build time",
        "instanceFieldRead|instance fields (getfield micros/compiler/rejects/Rejects.instanceField) are not kernel-Java",
        "virtualCall|virtual or interface call (invokevirtual micros/compiler/rejects/Rejects.instanceMethod) is not kernel-Java",
        "interfaceCall|virtual or interface call (invokeinterface java/lang/Runnable.run) is not kernel-Java",
        "floating|floating point (dload_0) is not kernel-Java",
        "floatingInt|floating point (i2f) is not kernel-Java",
        "throwing|object allocation (new java/lang/IllegalStateException) is not kernel-Java",
        "catching|exception handlers (try/catch/finally) are not kernel-Java",
        "synchronizedBlock|monitors (synchronized) are not kernel-Java",
        "lambda|invokedynamic (lambdas, string concatenation) is not kernel-Java",
        "concat|invokedynamic (lambdas, string concatenation) is not kernel-Java",
        "outsideCall|call to java.lang.Math.max(II)I, which is outside the compiled set",
        "stringUse|a String is not kernel-Java except as an argument of a logging intrinsic",
        "longLiteral|a string literal of 256 bytes is longer than the console's 255",
    })
    void constructIsRefusedAtItsPlace(String method, String construct) throws Exception {
        ClassSource source = new ClassSource(Rejects.class.getClassLoader());
        MethodRef m = Compiler.method(source, Rejects.class.getName(), method);
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compile(source, List.of(m)), method);
        Matcher x = MESSAGE.matcher(e.getMessage());
        assertTrue(x.matches(), e.getMessage());
        assertEquals(method, x.group(1));
        assertEquals(construct, x.group(4));
        assertEquals(markedLine(method), Integer.parseInt(x.group(3)), "the line of the construct: " + e.getMessage());
        assertTrue(Integer.parseInt(x.group(2)) >= 0);
    }
}
