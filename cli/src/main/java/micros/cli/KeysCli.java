package micros.cli;

import micros.release.KeysCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./micros keys new DIR}: the front end of release's {@link KeysCommand}. */
@Command(name = "keys", description = "Signing keys for the ISO.", synopsisSubcommandLabel = "new",
        subcommands = KeysCli.New.class,
        exitCodeListHeading = ExitStatus.HEADING, exitCodeList = {ExitStatus.OK_LINE, "1:the keys could not be made", ExitStatus.USAGE_LINE})
final class KeysCli implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() { throw new ParameterException(spec.commandLine(), "which? (keys new DIR)"); }

    @Command(name = "new", description = "Make a db key, its certificate in every form (PEM, DER, EFI signature list, signed db append) and an OpenPGP key in DIR.",
            exitCodeListHeading = ExitStatus.HEADING, exitCodeList = {ExitStatus.OK_LINE, "1:the keys could not be made (DIR holds keys already, a tool failed)", ExitStatus.USAGE_LINE})
    static final class New implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "DIR", description = "where to make them (created)")
        Path dir;
        @Option(names = "--name", paramLabel = "COMMON-NAME", description = "the certificate's common name (default: ${DEFAULT-VALUE})")
        String name = KeysCommand.DEFAULT_NAME;

        @Override public Integer call() { return KeysCommand.create(dir, name, Io.of(spec).out()); }
    }
}
