package micros.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documents say what is, not what was: no issue numbers, no "(was …)" figures, no "this round" (history
 * is git log's). Fenced blocks are output and are not read.
 */
public final class HistoryCheck {
    private static final Pattern HISTORY =
            Pattern.compile("(?i)\\bissues? #?\\d+|\\(was [^)]*\\)|\\bthis round\\b|\\bbefore this\\b|^\\s*new:");

    private HistoryCheck() {}

    public static List<String> in(String name, String markdown) {
        List<String> problems = new ArrayList<>();
        boolean inFence = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("```")) { inFence = !inFence; continue; }
            if (inFence) continue;
            Matcher m = HISTORY.matcher(lines[i]);
            if (m.find()) problems.add(name + ":" + (i + 1) + ": history, not a fact: '" + m.group() + "'");
        }
        return problems;
    }
}
