package micros.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ./micros}: one command whose subcommands are the tools. The launcher finds the JDK, installs what a
 * command needs, builds, and starts this with the command line as it was typed.
 */
@Command(name = "micros", synopsisSubcommandLabel = "COMMAND",
        description = "Build, test, boot and release micros, a microkernel for AMD64 written in a Java subset.",
        subcommands = {TestCli.class, BuildCli.class, SetupCli.class, BootCli.class, StepCli.class, GdbCli.class, IsoCli.class,
                QemuCli.class, KeysCli.class, ReleaseCli.class, CompareCli.class, RunMethodCli.class, BenchCli.class,
                VersionCli.class, CompletionCli.class},
        footerHeading = ExitStatus.HEADING,
        footer = {"  0  done", "  1  the run failed (a kernel fault, a failed test, QEMU's status: the command's --help says)",
                "  2  a bad command line (one line on stderr names the option and the value)", "",
                "./micros COMMAND --help describes a command; docs/cli.md describes them all."})
public final class Micros implements Callable<Integer> {
    final Io io;

    @Spec CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "print this help and exit")
    boolean help;

    Micros(Io io) { this.io = io; }

    /** No command: the help, as {@code ./micros --help} prints it. */
    @Override public Integer call() {
        spec.commandLine().usage(io.out());
        return ExitStatus.OK;
    }

    /** The command line with its one-line errors and exit statuses, writing to {@code io}. */
    static CommandLine commandLine(Io io) {
        CommandLine cl = new CommandLine(new Micros(io));
        cl.setOut(new PrintWriter(io.out(), true));
        cl.setErr(new PrintWriter(io.err(), true));
        cl.setParameterExceptionHandler(OneLineErrors::usage);
        cl.setExecutionExceptionHandler(OneLineErrors::failure);
        cl.setExitCodeExceptionMapper(t -> ExitStatus.FAILED);
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    /** Runs one command line; its exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return commandLine(new Io(out, err)).execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }
}
