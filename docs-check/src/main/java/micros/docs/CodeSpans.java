package micros.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The inline code spans ({@code `…`}) of a Markdown text, outside its fenced code blocks. */
public final class CodeSpans {
    /** One span: where it is ("README.md:12") and its text. */
    public record Span(String where, String text) {}

    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");

    private CodeSpans() {}

    public static List<Span> in(String name, String markdown) {
        List<Span> spans = new ArrayList<>();
        boolean inFence = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("```")) { inFence = !inFence; continue; }
            if (inFence) continue;
            Matcher m = SPAN.matcher(lines[i]);
            while (m.find()) spans.add(new Span(name + ":" + (i + 1), m.group(1).strip()));
        }
        return spans;
    }
}
