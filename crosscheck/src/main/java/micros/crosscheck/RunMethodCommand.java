package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.CompileException;
import micros.compiler.Compiler;
import micros.compiler.IsolatedClassLoader;
import micros.compiler.MethodRef;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SparseMemory;

import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./micros run-method --classes DIR CLASS.METHOD [ARG...] [--jvm | --compare]}: compiles one
 * kernel-Java method (and what it calls), runs it in the bench as machine code, and prints the result;
 * {@code --jvm} runs it on the JVM instead, {@code --compare} runs both from the same starting state
 * ({@link SideBySide}) and says whether they agree on the result, the static fields and the memory written,
 * naming the first difference. Each run starts from the static initial values of fresh classes.
 */
public final class RunMethodCommand {
    /** Where the method runs: the bench (as machine code), the JVM, or both side by side. */
    public enum Mode { BENCH, JVM, COMPARE }

    private RunMethodCommand() {}

    /**
     * Runs {@code target} ({@code CLASS.METHOD}) from the class files in {@code classes}; the exit status:
     * 0 done (and agreeing), 1 a disagreement or a bad input, 2 the wrong number of arguments.
     */
    public static int run(Path classes, String target, long[] args, Mode mode, PrintStream out, PrintStream err) throws Exception {
        int dot = target.lastIndexOf('.');
        if (dot < 0) {
            err.println("micros run-method: '" + target + "': not CLASS.METHOD");
            return 2;
        }
        if (!Files.isDirectory(classes)) {
            err.println("micros run-method: " + classes + ": not a directory of class files");
            return 1;
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, RunMethodCommand.class.getClassLoader())) {
            ClassSource source = new ClassSource(loader);
            MethodRef m = Compiler.method(source, target.substring(0, dot), target.substring(dot + 1));
            if (args.length != m.type().parameterCount()) {
                err.println("micros run-method: " + m.display() + " takes " + m.type().parameterCount() + " arguments, got " + args.length);
                return 2;
            }
            switch (mode) {
                case JVM -> out.println("jvm:   " + runJvm(loader, m, args));
                case BENCH -> {
                    try (BenchRunner bench = new BenchRunner(Compiler.compile(source, List.of(m)))) {
                        out.println("bench: " + SideBySide.Ran.of(() -> bench.call(m, args)));
                    }
                }
                case COMPARE -> {
                    try (SideBySide both = new SideBySide(loader, Compiler.compile(source, List.of(m)))) {
                        SideBySide.Outcome o = both.call(m, args);
                        out.println("jvm:   " + o.jvm());
                        out.println("bench: " + o.bench());
                        out.println(o.agree() ? "agree" : "DISAGREE: " + o.difference());
                        return o.agree() ? 0 : 1;
                    }
                }
            }
            return 0;
        } catch (CompileException e) {
            err.println("micros run-method: " + e.getMessage());
            return 1;
        }
    }

    /** On the JVM alone: fresh classes, a fresh simulated memory. */
    static SideBySide.Ran runJvm(ClassLoader loader, MethodRef m, long[] args) {
        try (var installed = Machine.install(new SimulatedCpu(new SparseMemory()))) {
            return SideBySide.Ran.of(() -> JvmRunner.call(new IsolatedClassLoader(loader), m, args));
        }
    }
}
