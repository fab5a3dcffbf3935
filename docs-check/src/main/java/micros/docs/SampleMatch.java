package micros.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a command's output is what a document's sample shows. Both are normalised first: carriage returns,
 * terminal escape sequences and trailing blanks dropped, trailing empty lines dropped, and every figure of
 * seconds ({@code 1.36 s}, {@code 12 s}) made {@code N s}, since wall-clock time varies from run to run. In
 * the sample, a line that is only {@code ...} (or {@code …}) stands for any number of lines, and {@code …}
 * inside a line for any text (a hash in a file name, say). Everything else must be equal, instruction counts
 * and addresses included: they are the bench's, the same on every run.
 */
public final class SampleMatch {
    private static final Pattern ESCAPE = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");
    private static final Pattern SECONDS = Pattern.compile("\\b\\d+(?:\\.\\d+)? s\\b");
    static final String ANY_LINES = "...", ANY_TEXT = "…";

    private SampleMatch() {}

    /** Empty when {@code output} matches {@code sample}, else the first place where it does not (both lines as cleaned, seconds kept). */
    public static Optional<String> mismatch(List<String> sample, String output) {
        List<String> want = clean(sample), got = clean(List.of(output.split("\n", -1)));
        List<Pattern> patterns = new ArrayList<>();
        for (String line : want) patterns.add(isAnyLines(line) ? null : linePattern(seconds(line)));
        List<String> gotSeconds = got.stream().map(SampleMatch::seconds).toList();
        if (matches(patterns, 0, gotSeconds, 0)) return Optional.empty();
        return Optional.of(firstDifference(want, patterns, got, gotSeconds));
    }

    /** Carriage returns, escape sequences, trailing blanks and trailing empty lines dropped. */
    static List<String> clean(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) out.add(ESCAPE.matcher(line.replace("\r", "")).replaceAll("").stripTrailing());
        while (!out.isEmpty() && out.getLast().isEmpty()) out.removeLast();
        return out;
    }

    static String seconds(String line) { return SECONDS.matcher(line).replaceAll("N s"); }

    private static boolean isAnyLines(String line) {
        String s = line.strip();
        return s.equals(ANY_LINES) || s.equals(ANY_TEXT);
    }

    private static Pattern linePattern(String line) {
        StringBuilder regex = new StringBuilder();
        int at = 0;
        for (int k; (k = line.indexOf(ANY_TEXT, at)) >= 0; at = k + ANY_TEXT.length())
            regex.append(Pattern.quote(line.substring(at, k))).append(".*");
        return Pattern.compile(regex.append(Pattern.quote(line.substring(at))).toString());
    }

    /** Sample patterns from {@code p} against output lines from {@code g}; null is any number of lines. */
    private static boolean matches(List<Pattern> patterns, int p, List<String> got, int g) {
        if (p == patterns.size()) return g == got.size();
        if (patterns.get(p) == null) {
            for (int skip = g; skip <= got.size(); skip++) if (matches(patterns, p + 1, got, skip)) return true;
            return false;
        }
        return g < got.size() && patterns.get(p).matcher(got.get(g)).matches() && matches(patterns, p + 1, got, g + 1);
    }

    /** The first sample line the output does not have where it should, matching wildcard-free lines in order. */
    private static String firstDifference(List<String> want, List<Pattern> patterns, List<String> got, List<String> gotSeconds) {
        int g = 0;
        for (int p = 0; p < patterns.size(); p++) {
            if (patterns.get(p) == null) {
                // after "...": go on at the next output line that the following sample line matches
                if (p + 1 == patterns.size()) return "the output ends differently";
                Pattern next = patterns.get(p + 1);
                int found = -1;
                for (int k = g; k < got.size() && next != null; k++) if (next.matcher(gotSeconds.get(k)).matches()) { found = k; break; }
                if (found < 0) return "sample line " + (p + 2) + " '" + want.get(p + 1) + "' is not in the output" + nearest(want.get(p + 1), got.subList(g, got.size()));
                g = found;
                continue;
            }
            if (g >= got.size()) return "sample line " + (p + 1) + " '" + want.get(p) + "': the output has ended";
            if (!patterns.get(p).matcher(gotSeconds.get(g)).matches())
                return "sample line " + (p + 1) + " '" + want.get(p) + "', the command prints '" + got.get(g) + "'";
            g++;
        }
        return g < got.size() ? "the command prints more: '" + got.get(g) + "'" : "the output does not match the sample";
    }

    /** The output line that shares the longest start with {@code line}: most often the line the sample shows as it was. */
    private static String nearest(String line, List<String> got) {
        String best = null;
        int bestLength = 0;
        for (String candidate : got) {
            int n = 0;
            while (n < line.length() && n < candidate.length() && line.charAt(n) == candidate.charAt(n)) n++;
            if (n > bestLength) { best = candidate; bestLength = n; }
        }
        return best == null ? "" : "; nearest, it prints '" + best + "'";
    }
}
