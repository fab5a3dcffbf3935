package micros.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks of a Markdown text marked as a command's output: a fence whose info string starts with the word
 * {@code output}. Two forms:
 * <ul>
 *   <li>{@code ```output ./micros boot} — the block is what that command prints (an {@code # exits N} after
 *       it gives its exit status, as in a command block);</li>
 *   <li>{@code ```output} alone — a transcript: each line that starts with {@code ./micros} (or
 *       {@code $ ./micros}; a trailing backslash goes on to the next line) is a command, the lines up to the
 *       next command are what it prints.</li>
 * </ul>
 * A fence indented inside a list has its indentation taken off the block's lines.
 */
public final class OutputSamples {
    static final String MARK = "output";

    private OutputSamples() {}

    public static List<OutputSample> in(String name, String markdown) {
        List<OutputSample> samples = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String fence = lines[i].strip();
            if (!fence.startsWith("```")) continue;
            int indent = lines[i].indexOf('`');
            String info = fence.substring(3).strip();
            int end = i + 1;
            while (end < lines.length && !lines[end].strip().startsWith("```")) end++;
            if (info.equals(MARK) || info.startsWith(MARK + " ")) {
                List<String> block = new ArrayList<>();
                for (int k = i + 1; k < end; k++) block.add(unindent(lines[k], indent));
                String command = info.substring(MARK.length()).strip();
                if (command.isEmpty()) transcript(name, i + 2, block, samples);
                else samples.add(new OutputSample(command(name + ":" + (i + 1), command), block));
            }
            i = end;
        }
        return samples;
    }

    /** {@code firstLine} is the 1-based line of the block's first line in the document. */
    private static void transcript(String name, int firstLine, List<String> block, List<OutputSample> samples) {
        DocCommand command = null;
        List<String> output = new ArrayList<>();
        for (int k = 0; k < block.size(); k++) {
            String line = block.get(k).strip();
            if (line.startsWith("$ ")) line = line.substring(2).strip();
            if (!line.startsWith("./micros ") && !line.equals("./micros")) {
                if (command == null) throw new IllegalArgumentException(name + ":" + (firstLine + k) + ": an output transcript starts with its ./micros command");
                output.add(block.get(k));
                continue;
            }
            if (command != null) samples.add(new OutputSample(command, output));
            int at = k;
            while (line.endsWith("\\") && k + 1 < block.size()) line = line.substring(0, line.length() - 1).strip() + " " + block.get(++k).strip();
            command = command(name + ":" + (firstLine + at), line);
            output = new ArrayList<>();
        }
        if (command != null) samples.add(new OutputSample(command, output));
    }

    private static DocCommand command(String where, String line) {
        DocCommand c = DocCommand.parse(where, line);
        if (c == null) throw new IllegalArgumentException(where + ": an output block names no ./micros command: " + line);
        return c;
    }

    private static String unindent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') n++;
        return line.substring(n);
    }
}
