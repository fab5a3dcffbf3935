package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.CompileException;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SparseMemory;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./micros run-method --classes DIR CLASS.METHOD [ARG...] [--jvm | --compare]}: compiles one
 * kernel-Java method (and what it calls), runs it in the bench as machine code, and prints the result;
 * {@code --jvm} runs it on the JVM instead, {@code --compare} runs both and says whether they agree.
 */
public final class RunMethodCommand {
    static final String USAGE = "usage: micros run-method --classes DIR CLASS.METHOD [ARG...] [--jvm | --compare]";

    public static void main(String[] args) throws Exception {
        Path classes = null;
        String target = null;
        String mode = "bench";
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--classes" -> classes = Path.of(need(args, ++i, "--classes"));
                case "--jvm" -> mode = "jvm";
                case "--compare" -> mode = "compare";
                default -> {
                    if (target == null && !args[i].matches("-?\\d.*")) target = args[i];
                    else values.add(parseArg(args[i]));
                }
            }
        }
        if (classes == null || target == null || target.lastIndexOf('.') < 0) fail(USAGE, 2);
        if (!Files.isDirectory(classes)) fail("micros run-method: " + classes + ": not a directory of class files", 1);
        int dot = target.lastIndexOf('.');
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, RunMethodCommand.class.getClassLoader())) {
            ClassSource source = new ClassSource(loader);
            MethodRef m = Compiler.method(source, target.substring(0, dot), target.substring(dot + 1));
            long[] a = values.stream().mapToLong(Long::longValue).toArray();
            if (a.length != m.type().parameterCount()) fail("micros run-method: " + m.display() + " takes " + m.type().parameterCount() + " arguments, got " + a.length, 2);
            String jvm = mode.equals("bench") ? null : outcome(() -> runJvm(loader, m, a));
            String bench = mode.equals("jvm") ? null : outcome(() -> runBench(source, m, a));
            if (jvm != null) System.out.println("jvm:   " + jvm);
            if (bench != null) System.out.println("bench: " + bench);
            if (mode.equals("compare")) {
                boolean same = jvm.equals(bench);
                System.out.println(same ? "agree" : "DISAGREE");
                if (!same) System.exit(1);
            }
        } catch (CompileException e) {
            fail("micros run-method: " + e.getMessage(), 1);
        }
    }

    interface Run { long run(); }

    static String outcome(Run r) {
        try {
            long v = r.run();
            return v + " (0x" + Long.toHexString(v) + ")";
        } catch (BenchRunner.Fault f) {
            return f.getMessage();
        }
    }

    static long runJvm(ClassLoader loader, MethodRef m, long[] args) {
        try (var installed = Machine.install(new SimulatedCpu(new SparseMemory()))) {
            return JvmRunner.call(loader, m, args);
        } catch (Exception e) {
            if (e instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e);
        }
    }

    static long runBench(ClassSource source, MethodRef m, long[] args) {
        try (BenchRunner bench = new BenchRunner(Compiler.compile(source, List.of(m)))) {
            return bench.call(m, args);
        }
    }

    static long parseArg(String s) {
        try {
            return s.startsWith("0x") || s.startsWith("-0x") ? Long.parseUnsignedLong(s.replace("-", "").substring(2), 16) * (s.startsWith("-") ? -1 : 1) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            fail("micros run-method: argument '" + s + "' is not an integer", 2);
            return 0;
        }
    }

    static String need(String[] args, int i, String option) {
        if (i >= args.length) fail("micros run-method: " + option + " needs a value\n" + USAGE, 2);
        return args[i];
    }

    static void fail(String message, int status) {
        System.err.println(message);
        System.exit(status);
    }
}
