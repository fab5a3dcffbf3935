package micros.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./micros completion}: bash completion for every command and option, from the same model as the help. */
@Command(name = "completion", description = {"Print a bash completion script for ./micros.",
        "Use it with: source <(./micros completion)   (or save it as ~/.local/share/bash-completion/completions/micros)"},
        exitCodeListHeading = ExitStatus.HEADING, exitCodeList = {ExitStatus.OK_LINE, ExitStatus.USAGE_LINE})
final class CompletionCli implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override public Integer call() {
        Io.of(spec).out().print(AutoComplete.bash("micros", spec.root().commandLine()));
        return ExitStatus.OK;
    }
}
