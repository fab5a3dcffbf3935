package micros.docs;

import java.util.Optional;

/**
 * A sample of a command's output ({@link OutputSamples}) is what the command prints now ({@link SampleMatch}),
 * with the exit status the document gives. Long work ({@link LongWork}) cannot be checked, so a sample of it
 * is a problem: bound the command (a {@code --timeout}) or drop the mark.
 */
public final class SampleCheck {
    private final Runs runs;

    public SampleCheck(Runs runs) { this.runs = runs; }

    public Optional<String> check(OutputSample s) {
        DocCommand c = s.command();
        if (LongWork.isLong(c.args())) return problem(c, "long work is not run, so its output cannot be checked: bound it or unmark the block");
        Launcher.Result r = runs.of(c.args());
        if (r.exit() == -1) return problem(c, "still running after " + runs.launcher().limit().toSeconds() + " s");
        if (r.exit() != c.expectedExit()) return problem(c, "exit status " + r.exit() + ", the document says " + c.expectedExit());
        return SampleMatch.mismatch(s.lines(), r.output()).flatMap(m -> problem(c, "the output differs from the sample: " + m));
    }

    private static Optional<String> problem(DocCommand c, String what) {
        return Optional.of(c.where() + ": " + c.commandLine() + ": " + what);
    }
}
