package micros.kernel;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel-Java classes stay inside what compiler/ takes (it names any construct outside the subset). */
class CompilesTest {
    @Test
    void theKernelJavaCompiles() {
        ClassSource source = new ClassSource(CompilesTest.class.getClassLoader());
        var result = Compiler.compile(source, List.of(
                Compiler.method(source, BootInformation.class.getName(), "parse"),
                Compiler.method(source, FreeRegions.class.getName(), "compute"),
                Compiler.method(source, FreeRegions.class.getName(), "reserve"),
                Compiler.method(source, FreeRegions.class.getName(), "handOver")));
        assertTrue(result.symbols().size() > 5, result.symbols().toString());
    }
}
