package micros.compare;

import java.util.List;

/** One machine's run of a kernel: what it wrote on COM1, how it ended, and how long it took. */
public record Run(String com1, Ending ending, double seconds) {
    /** COM1 as lines; a last line without a newline counts as a line. */
    public List<String> lines() {
        if (com1.isEmpty()) return List.of();
        List<String> lines = List.of(com1.split("\n", -1));
        return com1.endsWith("\n") ? lines.subList(0, lines.size() - 1) : lines;
    }
}
