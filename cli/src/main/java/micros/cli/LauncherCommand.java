package micros.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * test, build and setup are the launcher's own work (Maven, apt): the launcher runs them when their command
 * line is one it knows and hands anything else here, for the help or the one-line usage error. Reaching a
 * command's body here means the launcher did not run it.
 */
final class LauncherCommand {
    private LauncherCommand() {}

    static int notHere(CommandSpec spec) {
        throw new ParameterException(spec.commandLine(), "runs in the ./micros launcher; start it as ./micros " + spec.name());
    }
}
