package micros.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ./micros} command lines inside the fenced code blocks of a Markdown text (a line ending in a backslash
 * goes on); not those of blocks marked as output ({@link OutputSamples}), whose commands {@link SampleCheck} runs.
 */
public final class FencedCommands {
    private static final Pattern EXITS = Pattern.compile("exits (\\d+)");

    private FencedCommands() {}

    /** {@code name} names the document in each command's {@code where}. */
    public static List<DocCommand> in(String name, String markdown) {
        List<DocCommand> commands = new ArrayList<>();
        boolean inFence = false, inOutput = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int first = i;
            while (inFence && line.endsWith("\\") && i + 1 < lines.length) line = line.substring(0, line.length() - 1).strip() + " " + lines[++i].strip();
            if (line.startsWith("```")) {
                inFence = !inFence;
                String info = line.substring(3).strip();
                inOutput = inFence && (info.equals(OutputSamples.MARK) || info.startsWith(OutputSamples.MARK + " "));
                continue;
            }
            if (!inFence || inOutput) continue;
            if (line.startsWith("$ ")) line = line.substring(2).strip();
            if (!line.startsWith("./micros ") && !line.equals("./micros")) continue;
            int expected = 0;
            int hash = line.indexOf(" #");
            if (hash >= 0) {
                Matcher m = EXITS.matcher(line.substring(hash));
                if (m.find()) expected = Integer.parseInt(m.group(1));
                line = line.substring(0, hash).strip();
            }
            List<String> words = Words.split(line);
            commands.add(new DocCommand(name + ":" + (first + 1), words.subList(1, words.size()), expected));
        }
        return commands;
    }
}
