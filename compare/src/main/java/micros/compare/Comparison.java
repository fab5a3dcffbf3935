package micros.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The bench's run of a kernel beside QEMU's: their COM1 lines compared, and how each ended. */
public record Comparison(Run bench, Run qemu, QemuVersion qemuVersion, List<Difference> differences, LineDiff.Hunk leftOut) {
    public Comparison { differences = List.copyOf(differences); }

    /**
     * Compares the runs line by line, leaving out the lines {@code benchOnly} names on both sides (output that
     * only the bench's features give meaning to); pairs of lines that a deviation of {@code version} explains
     * are reported as such.
     */
    public static Comparison of(Run bench, Run qemu, QemuVersion version, Predicate<String> benchOnly) {
        List<String> b = bench.lines().stream().filter(benchOnly.negate()).toList(), q = qemu.lines().stream().filter(benchOnly.negate()).toList();
        LineDiff.Hunk leftOut = new LineDiff.Hunk(0, bench.lines().stream().filter(benchOnly).toList(), 0, qemu.lines().stream().filter(benchOnly).toList());
        List<Difference> differences = new ArrayList<>();
        for (LineDiff.Hunk h : LineDiff.of(b, q)) {
            if (h.bench().size() != h.qemu().size()) {
                differences.add(new Difference.Lines(h));
                continue;
            }
            for (int i = 0; i < h.bench().size(); i++) { // line against line: each may be a known deviation
                LineDiff.Hunk one = new LineDiff.Hunk(h.benchAt() + i, List.of(h.bench().get(i)), h.qemuAt() + i, List.of(h.qemu().get(i)));
                differences.add(QemuDeviation.explaining(version, h.bench().get(i), h.qemu().get(i))
                        .<Difference>map(d -> new Difference.Explained(one, d)).orElse(new Difference.Lines(one)));
            }
        }
        if (!bench.ending().sameAs(qemu.ending())) differences.add(new Difference.Endings(bench.ending(), qemu.ending()));
        return new Comparison(bench, qemu, version, differences, leftOut);
    }

    /** The differences that are the bench's: none means the bench did what QEMU and the SDM do. */
    public List<Difference> againstBench() { return differences.stream().filter(Difference::countsAgainstBench).toList(); }

    public List<Difference.Explained> explained() {
        return differences.stream().filter(d -> d instanceof Difference.Explained).map(d -> (Difference.Explained) d).toList();
    }

    public boolean agrees() { return againstBench().isEmpty(); }
}
