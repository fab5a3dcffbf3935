package micros.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./micros setup}: described here, run by the launcher. */
@Command(name = "setup", description = {"Install the system packages and fetch Unicorn and Capstone.",
        "The packages: GRUB, xorriso, QEMU, OVMF, signing tools, binutils, gdb (with sudo when not root); the natives:",
        "as ci/natives.lock names them, fetched into ${MICROS_CACHE:-~/.cache/micros}."},
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.OK_LINE, "1:a package could not be installed or a native fetched", ExitStatus.USAGE_LINE})
final class SetupCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--relock", description = "lock what the Debian archive has now into ci/natives.lock")
    boolean relock;

    @Override public Integer call() { return LauncherCommand.notHere(spec); }
}
