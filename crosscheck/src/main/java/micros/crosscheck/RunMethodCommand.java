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
 * {@code ./micros run-method --classes DIR|JAR CLASS.METHOD [ARG...] [--load ADDRESS=FILE]... [--jvm | --compare]}: compiles one
 * kernel-Java method (and what it calls), runs it in the bench as machine code, and prints the result;
 * {@code --jvm} runs it on the JVM instead, {@code --compare} runs both from the same starting state
 * ({@link SideBySide}) and says whether they agree on the result, the static fields and the memory written,
 * naming the first difference. Each run starts from the static initial values of fresh classes, and from
 * memory holding each {@code --load}ed file's bytes at its address (the input the method reads: a boot
 * information, an ELF file).
 */
public final class RunMethodCommand {
    /** Where the method runs: the bench (as machine code), the JVM, or both side by side. */
    public enum Mode { BENCH, JVM, COMPARE }

    /** A file's bytes to put at an address before the call. */
    public record Load(long address, byte[] bytes) {}

    private RunMethodCommand() {}

    /**
     * Runs {@code target} ({@code CLASS.METHOD}) from the class files in {@code classes} (a directory or a jar),
     * with {@code loads} in memory; the exit status: 0 done (and agreeing), 1 a disagreement or a bad input,
     * 2 the wrong number of arguments.
     */
    public static int run(Path classes, String target, long[] args, List<Load> loads, Mode mode, PrintStream out, PrintStream err) throws Exception {
        int dot = target.lastIndexOf('.');
        if (dot < 0) {
            err.println("micros run-method: '" + target + "': not CLASS.METHOD");
            return 2;
        }
        boolean jar = classes.toString().endsWith(".jar") && Files.isRegularFile(classes);
        if (!Files.isDirectory(classes) && !jar) {
            err.println("micros run-method: " + classes + ": not a directory of class files or a jar");
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
                case JVM -> out.println("jvm:   " + runJvm(loader, m, args, loads));
                case BENCH -> {
                    try (BenchRunner bench = new BenchRunner(Compiler.compile(source, List.of(m)))) {
                        for (Load l : loads) bench.machine().writeVirtual(l.address(), l.bytes());
                        SideBySide.Ran ran = SideBySide.Ran.of(() -> bench.call(m, args));
                        out.println("bench: " + ran + SideBySide.console(bench.lastConsole()));
                    }
                }
                case COMPARE -> {
                    try (SideBySide both = new SideBySide(loader, Compiler.compile(source, List.of(m)))) {
                        for (Load l : loads) both.write(l.address(), l.bytes());
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

    /** On the JVM alone: fresh classes, a fresh simulated memory holding the loaded files. */
    static String runJvm(ClassLoader loader, MethodRef m, long[] args, List<Load> loads) {
        SparseMemory memory = new SparseMemory();
        for (Load l : loads)
            for (int i = 0; i < l.bytes().length; i++) memory.store(l.address() + i, 1, l.bytes()[i]);
        SimulatedCpu cpu = new SimulatedCpu(memory);
        try (var installed = Machine.install(cpu)) {
            return SideBySide.Ran.of(() -> JvmRunner.call(new IsolatedClassLoader(loader), m, args)) + SideBySide.console(cpu.consoleText());
        }
    }
}
