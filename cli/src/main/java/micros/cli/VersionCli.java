package micros.cli;

import micros.bench.cli.VersionCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./micros version}. */
@Command(name = "version", description = "The Unicorn, Capstone, QEMU, GRUB and JDK in use, one line each.",
        exitCodeListHeading = ExitStatus.HEADING, exitCodeList = {ExitStatus.OK_LINE, ExitStatus.USAGE_LINE})
final class VersionCli implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        VersionCommand.print(Io.of(spec).out());
        return ExitStatus.OK;
    }
}
