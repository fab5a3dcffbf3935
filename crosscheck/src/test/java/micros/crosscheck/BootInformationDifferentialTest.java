package micros.crosscheck;

import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.kernel.BootInfoCorruptions;
import micros.kernel.BootInformation;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's multiboot2 parser compiled and run in the bench agrees with the same Java on the JVM, on the
 * corrupted informations of the kernel's own property (BootInformationTest): the same verdict (accepted, or
 * halted with the same COM1 line) and the same fields kept (memory map, modules, framebuffer, strings).
 */
class BootInformationDifferentialTest {
    static final long INFO = 0x200_0000;

    static Compiler.Result compiled;
    static SideBySide sides;
    static MethodRef parse;

    @BeforeContainer
    static void compile() {
        parse = KernelCalls.method(BootInformation.class, "parse");
        compiled = KernelCalls.compile(List.of(parse));
        sides = KernelCalls.sides(compiled);
    }

    @AfterContainer
    static void close() { if (sides != null) sides.close(); }

    @Provide
    Arbitrary<byte[]> corrupted() { return BootInfoCorruptions.corrupted(); }

    /** Tries: jqwik.tries.default, 200 in the suite, N with ./micros test --campaign N (crosscheck/pom.xml). */
    @Property
    void corruptedInformationGetsTheSameVerdict(@ForAll("corrupted") byte[] info) {
        KernelCalls calls = run(sides, info);
        Statistics.label("verdict").collect(calls.halted() ? calls.lastOutcome().replaceFirst(".*boot information: ", "") : "accepted");
    }

    static KernelCalls run(SideBySide on, byte[] info) {
        on.write(INFO, info);
        return new KernelCalls(on).call(parse, INFO);
    }

    /** Without the store of the memory map's entry count, the bench finds no memory for the modules and refuses what the JVM accepts. */
    @Example
    void aDroppedFieldStoreFails() {
        Miscompilation.Dropped dropped = Miscompilation.drop(compiled, KernelCalls.method(BootInformation.class, "memoryMapTag"),
                t -> t.startsWith("mov qword ptr [rip + micros.kernel.BootInformation.memoryMapEntries]"));
        try (SideBySide miscompiled = KernelCalls.sides(dropped.compiled())) {
            AssertionError e = assertThrows(AssertionError.class, () -> run(miscompiled, BootInfoCorruptions.GOOD.bytes()));
            assertTrue(e.getMessage().contains("result: jvm 0 (0x0), bench halted")
                    && e.getMessage().contains("bench halted, console 'micros: boot information: a module lies outside available memory'"), "dropped " + dropped.instruction() + ": " + e.getMessage());
        }
    }
}
