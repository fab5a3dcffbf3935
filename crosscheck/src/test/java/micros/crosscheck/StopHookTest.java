package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.CompileException;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.compiler.StaticField;
import micros.magic.Kernel;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The compiler's stop hook, run in the bench: {@code Kernel.panic} and {@code Kernel.halt} call the stop
 * method with the reason (after the panic's line), once, and the machine then halts with interrupts off.
 */
class StopHookTest {
    /** Kernel-Java: a stop method that records its reason and how often it ran. */
    static final class Probe {
        static int reason = -1, stops = 0;

        static void stop(int why) {
            reason = why;
            stops = stops + 1;
        }

        static void panics() { Kernel.panic("probe"); }

        static void halts() { Kernel.halt(); }
    }

    final ClassSource source = new ClassSource(StopHookTest.class.getClassLoader());

    MethodRef method(String name) { return Compiler.method(source, Probe.class.getName(), name); }

    @Test
    void haltAndPanicCallTheStopMethodWithTheirReason() {
        Compiler.Result compiled = Compiler.compile(source, List.of(method("panics"), method("halts")), method("stop"));
        try (BenchRunner bench = new BenchRunner(compiled)) {
            BenchRunner.Fault panic = assertThrows(BenchRunner.Fault.class, () -> bench.call(method("panics")));
            assertEquals("panic: probe", panic.getMessage());
            assertEquals(Compiler.PANIC, field(bench, compiled, "reason"));
            assertEquals(1, field(bench, compiled, "stops"));
            assertEquals(0, bench.machine().reg(micros.bench.machine.cpu.Register.RFLAGS) & 0x200, "interrupts off");

            BenchRunner.Fault halt = assertThrows(BenchRunner.Fault.class, () -> bench.call(method("halts")));
            assertTrue(halt.getMessage().contains("clean halt"), halt.getMessage());
            assertEquals(Compiler.HALT, field(bench, compiled, "reason"));
            assertEquals(2, field(bench, compiled, "stops"));
        }
    }

    @Test
    void aStopMethodOfAnotherShapeIsRefused() {
        CompileException e = assertThrows(CompileException.class, () -> Compiler.compile(source, List.of(method("halts")), method("panics")));
        assertTrue(e.getMessage().contains("a stop method takes an int"), e.getMessage());
    }

    static int field(BenchRunner bench, Compiler.Result compiled, String name) {
        StaticField f = compiled.statics().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        byte[] b = bench.machine().readVirtual(bench.image().symbol(f.symbol()), 4);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
