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
import java.util.ArrayList;
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
    static final String USAGE = "usage: micros run-method --classes DIR|JAR CLASS.METHOD [ARG...] [--load ADDRESS=FILE]... [--jvm | --compare]";

    /** A file's bytes to put at an address before the call. */
    record Load(long address, byte[] bytes) {}

    /** A failure the user caused: the message, and the exit status. */
    static final class Failure extends RuntimeException {
        final int status;

        Failure(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; its exit status: 0 done (and agreeing), 1 a disagreement or a bad input, 2 bad usage. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        try {
            return runOrFail(args, out);
        } catch (Failure f) {
            err.println(f.getMessage());
            return f.status;
        } catch (CompileException e) {
            err.println("micros run-method: " + e.getMessage());
            return 1;
        }
    }

    private static int runOrFail(String[] args, PrintStream out) throws Exception {
        Path classes = null;
        String target = null;
        String mode = "bench";
        List<Long> values = new ArrayList<>();
        List<Load> loads = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--classes" -> classes = Path.of(need(args, ++i, "--classes"));
                case "--jvm" -> mode = "jvm";
                case "--compare" -> mode = "compare";
                case "--load" -> loads.add(load(need(args, ++i, "--load")));
                default -> {
                    if (target == null && !args[i].matches("-?\\d.*")) target = args[i];
                    else values.add(parseArg(args[i]));
                }
            }
        }
        if (classes == null || target == null || target.lastIndexOf('.') < 0) throw new Failure(USAGE, 2);
        boolean jar = classes.toString().endsWith(".jar") && Files.isRegularFile(classes);
        if (!Files.isDirectory(classes) && !jar) throw new Failure("micros run-method: " + classes + ": not a directory of class files or a jar", 1);
        int dot = target.lastIndexOf('.');
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, RunMethodCommand.class.getClassLoader())) {
            ClassSource source = new ClassSource(loader);
            MethodRef m = Compiler.method(source, target.substring(0, dot), target.substring(dot + 1));
            long[] a = values.stream().mapToLong(Long::longValue).toArray();
            if (a.length != m.type().parameterCount())
                throw new Failure("micros run-method: " + m.display() + " takes " + m.type().parameterCount() + " arguments, got " + a.length, 2);
            switch (mode) {
                case "jvm" -> out.println("jvm:   " + runJvm(loader, m, a, loads));
                case "bench" -> {
                    try (BenchRunner bench = new BenchRunner(Compiler.compile(source, List.of(m)))) {
                        for (Load l : loads) bench.machine().writeVirtual(l.address(), l.bytes());
                        SideBySide.Ran ran = SideBySide.Ran.of(() -> bench.call(m, a));
                        out.println("bench: " + ran + SideBySide.console(bench.lastConsole()));
                    }
                }
                default -> {
                    try (SideBySide both = new SideBySide(loader, Compiler.compile(source, List.of(m)))) {
                        for (Load l : loads) both.write(l.address(), l.bytes());
                        SideBySide.Outcome o = both.call(m, a);
                        out.println("jvm:   " + o.jvm());
                        out.println("bench: " + o.bench());
                        out.println(o.agree() ? "agree" : "DISAGREE: " + o.difference());
                        return o.agree() ? 0 : 1;
                    }
                }
            }
            return 0;
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

    /** {@code ADDRESS=FILE}: the file's bytes, for that address. */
    static Load load(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) throw new Failure("micros run-method: --load " + spec + ": not ADDRESS=FILE", 2);
        long address = parseArg(spec.substring(0, eq));
        Path file = Path.of(spec.substring(eq + 1));
        try {
            return new Load(address, Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new Failure("micros run-method: --load " + file + ": cannot read: " + e.getMessage(), 1);
        }
    }

    static long parseArg(String s) {
        try {
            return s.startsWith("0x") || s.startsWith("-0x") ? Long.parseUnsignedLong(s.replace("-", "").substring(2), 16) * (s.startsWith("-") ? -1 : 1) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Failure("micros run-method: argument '" + s + "' is not an integer", 2);
        }
    }

    static String need(String[] args, int i, String option) {
        if (i >= args.length) throw new Failure("micros run-method: " + option + " needs a value\n" + USAGE, 2);
        return args[i];
    }
}
