package micros.docs;

import java.util.List;

/**
 * One {@code ./micros} command line shown in a fenced code block of a document.
 *
 * @param where        the document and line, as "docs/bench.md:12"
 * @param args         the words after {@code ./micros}
 * @param expectedExit the exit status the document gives it ({@code # exits N} after the command), else 0
 */
public record DocCommand(String where, List<String> args, int expectedExit) {
    public String commandLine() {
        return "./micros " + String.join(" ", args);
    }
}
