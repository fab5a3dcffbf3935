package micros.compare;

import java.util.List;

/**
 * A comparison as a person reads it: both runs in a line each (with the exit status each machine got), then
 * every difference with the lines concerned.
 */
public final class ComparisonReport {
    private ComparisonReport() {}

    public static String text(String kernel, BootSpec spec, Comparison c) {
        StringBuilder s = new StringBuilder();
        s.append(kernel).append(" (CPU ").append(spec.cpu()).append(")\n");
        s.append(String.format("  %-13s %s%n", "bench:", summary(c.bench())));
        s.append(String.format("  %-13s %s%n", "QEMU " + c.qemuVersion() + ":", summary(c.qemu())));
        if (!c.leftOut().bench().isEmpty() || !c.leftOut().qemu().isEmpty()) {
            s.append("  left out, since only the bench's features give them meaning:\n");
            lines(s, c.leftOut());
        }
        for (Difference d : c.differences()) {
            switch (d) {
                case Difference.Explained e -> {
                    s.append("  ").append(where(e.hunk())).append(" differ as a known QEMU deviation makes them (not the bench's fault): ")
                            .append(e.deviation().description()).append('\n');
                    lines(s, e.hunk());
                }
                case Difference.Lines l -> {
                    s.append("  ").append(where(l.hunk())).append(" differ:\n");
                    lines(s, l.hunk());
                }
                case Difference.Endings e -> s.append("  the runs end differently: the bench's in ").append(e.bench()).append(", QEMU's in ").append(e.qemu()).append('\n');
            }
        }
        int against = c.againstBench().size(), explained = c.explained().size();
        s.append("  ").append(against == 0 ? "the same" : against + " difference" + (against == 1 ? "" : "s"));
        if (explained > 0) s.append(" (").append(explained).append(" explained by known QEMU deviations)");
        return s.append('\n').toString();
    }

    /** Lines, ending (with the exit status, or that the kernel wrote none: it was judged by how it stopped), time. */
    private static String summary(Run r) {
        int n = r.lines().size();
        String status = r.ending().kind() == Ending.Kind.EXIT_STATUS ? "" : ", no exit status";
        return String.format("%d line%s, %s%s, %.2f s", n, n == 1 ? "" : "s", r.ending(), status, r.seconds());
    }

    private static String where(LineDiff.Hunk h) {
        return "bench " + range(h.benchAt(), h.bench().size()) + ", QEMU " + range(h.qemuAt(), h.qemu().size());
    }

    /** 1-based, as an editor numbers lines; an empty range names the line it would come before. */
    private static String range(int at, int n) {
        return n == 0 ? "(none, before line " + (at + 1) + ")" : n == 1 ? "line " + (at + 1) : "lines " + (at + 1) + "-" + (at + n);
    }

    private static void lines(StringBuilder s, LineDiff.Hunk h) {
        print(s, "bench", h.bench());
        print(s, "QEMU ", h.qemu());
    }

    private static void print(StringBuilder s, String who, List<String> lines) {
        for (String line : lines) s.append("    ").append(who).append(" | ").append(visible(line)).append('\n');
    }

    /** Control characters (a stray CR, an escape sequence) shown, not obeyed. */
    static String visible(String line) {
        StringBuilder v = new StringBuilder();
        for (char ch : line.toCharArray()) {
            if (ch == '\r') v.append("\\r");
            else if (ch < 0x20 || ch == 0x7F) v.append(String.format("\\x%02x", (int) ch));
            else v.append(ch);
        }
        return v.toString();
    }
}
