package micros.cli;

import micros.crosscheck.RunMethodCommand;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./micros run-method}: the front end of crosscheck's {@link RunMethodCommand}. */
@Command(name = "run-method", description = {"Compile one kernel-Java method (and what it calls) and run it in the bench.",
        "It runs as machine code; --jvm runs it on the JVM instead, --compare both from the same state, naming the first difference."},
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.OK_LINE + " (and, with --compare, the two agree)", "1:they disagree, or the method does not compile",
                "2:a bad command line, or the wrong number of arguments for the method"})
final class RunMethodCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--classes", paramLabel = "DIR|JAR", required = true, description = "the directory of class files (or the jar) the method's class is in")
    Path classes;
    @Option(names = "--load", paramLabel = "ADDRESS=FILE", converter = LoadConverter.class,
            description = "put FILE's bytes at ADDRESS (decimal or 0x hex) before the call: the input the method reads; repeatable")
    List<RunMethodCommand.Load> loads = new ArrayList<>();
    @Parameters(index = "0", paramLabel = "CLASS.METHOD", description = "the method, by its class's binary name")
    String target;
    @Parameters(index = "1..*", paramLabel = "ARG", converter = Integer64.class, description = "its arguments: decimal or 0x hex, - for negative")
    List<Long> args = new ArrayList<>();
    @ArgGroup(exclusive = true) Where where = new Where();

    static final class Where {
        @Option(names = "--jvm", description = "run it on the JVM") boolean jvm;
        @Option(names = "--compare", description = "run it in both and compare result, static fields and memory written") boolean compare;

        RunMethodCommand.Mode mode() { return compare ? RunMethodCommand.Mode.COMPARE : jvm ? RunMethodCommand.Mode.JVM : RunMethodCommand.Mode.BENCH; }
    }

    /** A 64-bit argument: decimal, or 0x hex (unsigned, so 0xffffffffffffffff is -1); a leading - negates either. */
    static final class Integer64 implements ITypeConverter<Long> {
        @Override public Long convert(String s) {
            boolean negative = s.startsWith("-");
            String t = negative ? s.substring(1) : s;
            try {
                long v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
                return negative ? -v : v;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("not an integer");
            }
        }
    }

    /** {@code ADDRESS=FILE}: the file (which must exist) read now. */
    static final class LoadConverter implements ITypeConverter<RunMethodCommand.Load> {
        @Override public RunMethodCommand.Load convert(String s) throws Exception {
            int eq = s.indexOf('=');
            if (eq < 0) throw new TypeConversionException("not ADDRESS=FILE");
            long address = new Integer64().convert(s.substring(0, eq));
            Path file = new ExistingFile().convert(s.substring(eq + 1));
            return new RunMethodCommand.Load(address, Files.readAllBytes(file));
        }
    }

    @Override public Integer call() throws Exception {
        Io io = Io.of(spec);
        return RunMethodCommand.run(classes, target, args.stream().mapToLong(Long::longValue).toArray(), loads, where.mode(), io.out(), io.err());
    }
}
