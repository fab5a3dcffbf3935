package micros.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A documented command runs and ends with the status its document gives; a long one ({@link LongWork}) is not run:
 * its --help names every option the document uses.
 */
public final class CommandCheck {
    private final Runs runs;

    public CommandCheck(Runs runs) {
        this.runs = runs;
    }

    /** Empty when the command is as documented, else what is wrong, naming the document and line. */
    public Optional<String> check(DocCommand c) {
        if (c.args().isEmpty()) return problem(c, "no command after ./micros");
        if (LongWork.isLong(c.args())) return checkParses(c);
        Launcher.Result r = runs.of(c.args());
        if (r.exit() == -1) return problem(c, "still running after " + runs.launcher().limit().toSeconds() + " s" + tail(r.output()));
        if (r.exit() != c.expectedExit())
            return problem(c, "exit status " + r.exit() + ", the document says " + c.expectedExit() + tail(r.output()));
        return Optional.empty();
    }

    /**
     * A long command is not run: its {@code --help} (which the command line answers before any work) must exit 0
     * and name every option the document gives it.
     */
    private Optional<String> checkParses(DocCommand c) {
        String command = c.args().getFirst();
        Launcher.Result r = runs.of(List.of(command, "--help"));
        if (r.exit() != 0) return problem(c, "'./micros " + command + " --help' exits " + r.exit() + tail(r.output()));
        List<String> unknown = new ArrayList<>();
        for (String word : c.args()) {
            if (!word.startsWith("--")) continue;
            String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (!r.output().contains(option)) unknown.add(option);
        }
        if (!unknown.isEmpty()) return problem(c, "'./micros " + command + " --help' names no " + String.join(", ", unknown));
        return Optional.empty();
    }

    private static Optional<String> problem(DocCommand c, String what) {
        return Optional.of(c.where() + ": " + c.commandLine() + ": " + what);
    }

    /** The last lines of a command's output: what a reader needs to see why it failed. */
    private static String tail(String output) {
        String[] lines = output.strip().split("\n");
        int from = Math.max(0, lines.length - 3);
        return lines.length == 0 || output.isBlank() ? "" : "; output ends: " + String.join(" | ", List.of(lines).subList(from, lines.length));
    }
}
