package micros.docs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ./micros} command line shown in a fenced code block of a document.
 *
 * @param where        the document and line, as "docs/bench.md:12"
 * @param args         the words after {@code ./micros}
 * @param expectedExit the exit status the document gives it ({@code # exits N} after the command), else 0
 */
public record DocCommand(String where, List<String> args, int expectedExit) {
    private static final Pattern EXITS = Pattern.compile("exits (\\d+)");

    /** The command a document's line shows: its words, with a trailing {@code # exits N} comment taken as the status; null when it is no {@code ./micros} line. */
    static DocCommand parse(String where, String line) {
        int expected = 0;
        int hash = line.indexOf(" #");
        if (hash >= 0) {
            Matcher m = EXITS.matcher(line.substring(hash));
            if (m.find()) expected = Integer.parseInt(m.group(1));
            line = line.substring(0, hash).strip();
        }
        List<String> words = Words.split(line);
        if (words.isEmpty() || !words.getFirst().equals("./micros")) return null;
        return new DocCommand(where, words.subList(1, words.size()), expected);
    }

    public String commandLine() {
        return "./micros " + String.join(" ", args);
    }
}
