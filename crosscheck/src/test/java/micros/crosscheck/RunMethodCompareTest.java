package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.crosscheck.corpus.Counter;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.kernel.BootInfoCorruptions;
import micros.kernel.BootInformation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code run-method} on a method with static state ({@link Counter}): the compiled initial values are never
 * those of a class a JVM run has touched, {@code --compare} agrees with the two separate runs, and where the
 * sides differ it names the first difference.
 */
class RunMethodCompareTest {
    static final String COUNTER = Counter.class.getName();

    static Path classes() throws Exception {
        return Path.of(Counter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The command's exit status and what it printed. */
    record Ran(int status, String out, String err) {}

    static Ran runMethod(RunMethodCommand.Mode mode) throws Exception {
        return runMethod(classes(), COUNTER + ".next", new long[0], List.of(), mode);
    }

    static Ran runMethod(Path classes, String target, long[] args, List<RunMethodCommand.Load> loads, RunMethodCommand.Mode mode) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = RunMethodCommand.run(classes, target, args, loads, mode, new PrintStream(out, true), new PrintStream(err, true));
        return new Ran(status, out.toString(), err.toString());
    }

    @Test
    void compareAgreesWithTheSeparateRuns() throws Exception {
        Ran jvm = runMethod(RunMethodCommand.Mode.JVM);
        Ran bench = runMethod(RunMethodCommand.Mode.BENCH);
        Ran compare = runMethod(RunMethodCommand.Mode.COMPARE);
        assertEquals("jvm:   1 (0x1)\n", jvm.out(), jvm.err());
        assertEquals("bench: 1 (0x1)\n", bench.out(), bench.err());
        assertEquals("jvm:   1 (0x1)\nbench: 1 (0x1)\nagree\n", compare.out(), compare.err());
        assertEquals(0, compare.status());
    }

    /** A loaded file is the input of both sides: the kernel's parser refuses a boot information the same way on both. */
    @Test
    void loadedMemoryIsWhatBothSidesRead() throws Exception {
        Path kernel = Path.of(BootInformation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        byte[] info = BootInfoCorruptions.GOOD.bytes();
        List<RunMethodCommand.Load> good = List.of(new RunMethodCommand.Load(0x2000000, info.clone()));
        info[0] = 8;  // a total size (u32) of 8: shorter than the header and the end tag
        info[1] = 0;
        List<RunMethodCommand.Load> bad = List.of(new RunMethodCommand.Load(0x2000000, info));
        String parse = BootInformation.class.getName() + ".parse";
        long[] at = {0x2000000};
        Ran accepted = runMethod(kernel, parse, at, good, RunMethodCommand.Mode.COMPARE);
        assertEquals("jvm:   0 (0x0)\nbench: 0 (0x0)\nagree\n", accepted.out(), accepted.err());
        Ran refused = runMethod(kernel, parse, at, bad, RunMethodCommand.Mode.COMPARE);
        String verdict = "halted, console 'micros: boot information: bad total size'";
        assertEquals("jvm:   " + verdict + "\nbench: " + verdict + "\nagree\n", refused.out(), refused.err());
        Ran jvm = runMethod(kernel, parse, at, bad, RunMethodCommand.Mode.JVM);
        assertEquals("jvm:   " + verdict + "\n", jvm.out(), jvm.err());
    }

    @Test
    void initialValuesAreTakenFromFreshClasses() {
        ClassLoader loader = RunMethodCompareTest.class.getClassLoader();
        ClassSource source = new ClassSource(loader);
        MethodRef next = Compiler.method(source, COUNTER, "next");
        // A JVM run in the loader the compiler reads class files from changes the class's static state there.
        long touched;
        try (var installed = Machine.install(new SimulatedCpu())) {
            JvmRunner.call(loader, next);
            touched = JvmRunner.call(loader, next);
        }
        assertTrue(touched >= 2, "the JVM run changed Counter.calls: " + touched);
        try (BenchRunner bench = new BenchRunner(Compiler.compile(source, List.of(next)))) {
            assertEquals(1, bench.call(next));
            assertEquals(2, bench.call(next));
        }
    }

    @Test
    void compareNamesTheFirstDifference() {
        ClassLoader loader = RunMethodCompareTest.class.getClassLoader();
        ClassSource source = new ClassSource(loader);
        MethodRef next = Compiler.method(source, COUNTER, "next");
        Miscompilation.Dropped dropped = Miscompilation.drop(Compiler.compile(source, List.of(next)), next,
                t -> t.startsWith("mov qword ptr [rip + " + COUNTER + ".calls]"));
        try (SideBySide both = new SideBySide(loader, dropped.compiled())) {
            SideBySide.Outcome o = both.call(next);
            assertEquals("1 (0x1)", o.jvm());
            assertEquals("1 (0x1)", o.bench(), "the result is computed; only the store to calls is gone");
            assertEquals("Counter.calls: jvm 1, bench 0", o.difference(), "dropped " + dropped.instruction());
        }
    }
}
