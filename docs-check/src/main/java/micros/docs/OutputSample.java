package micros.docs;

import java.util.List;

/**
 * A fenced block of a document marked as what a {@code ./micros} command prints (see {@link OutputSamples}).
 *
 * @param command the command, with where the sample stands and the exit status the document gives it
 * @param lines   the printed lines the document shows, wildcards included ({@link SampleMatch})
 */
public record OutputSample(DocCommand command, List<String> lines) {
    public OutputSample { lines = List.copyOf(lines); }
}
