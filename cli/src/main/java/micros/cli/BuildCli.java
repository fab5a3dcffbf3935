package micros.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./micros build}: described here, run by the launcher. */
@Command(name = "build", description = {"Build everything without tests (./mvnw -B package -DskipTests).",
        "Every other command builds first when a source changed. On a terminal it shows the module being built."},
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.OK_LINE, "1:the build failed (the end of Maven's output says why)", ExitStatus.USAGE_LINE})
final class BuildCli implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() { return LauncherCommand.notHere(spec); }
}
