package micros.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ./micros} command lines inside the fenced code blocks of a Markdown text (a line ending in a backslash
 * goes on); not those of blocks marked as output ({@link OutputSamples}), whose commands {@link SampleCheck} runs.
 */
public final class FencedCommands {
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
            commands.add(DocCommand.parse(name + ":" + (first + 1), line));
        }
        return commands;
    }
}
