package micros.compare;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineDiffTest {
    /** Texts over a tiny alphabet of lines, so that they share lines often. */
    static List<String> lines(List<Integer> picks) { return picks.stream().map(i -> "line " + i).toList(); }

    @Property
    void replacingEachHunkTurnsTheBenchTextIntoQemus(@ForAll @Size(max = 30) List<@IntRange(max = 4) Integer> b, @ForAll @Size(max = 30) List<@IntRange(max = 4) Integer> q) {
        List<String> bench = lines(b), qemu = lines(q);
        List<String> rebuilt = new ArrayList<>();
        int at = 0;
        for (LineDiff.Hunk h : LineDiff.of(bench, qemu)) {
            assertTrue(h.benchAt() >= at, "hunks in order, not overlapping");
            assertTrue(!h.bench().isEmpty() || !h.qemu().isEmpty(), "no empty hunk");
            rebuilt.addAll(bench.subList(at, h.benchAt()));
            assertEquals(bench.subList(h.benchAt(), h.benchAt() + h.bench().size()), h.bench(), "a hunk's bench lines are the bench's, where it says");
            rebuilt.addAll(h.qemu());
            at = h.benchAt() + h.bench().size();
        }
        rebuilt.addAll(bench.subList(at, bench.size()));
        assertEquals(qemu, rebuilt);
    }

    @Property
    void theLinesOutsideTheHunksAreALongestCommonSubsequence(@ForAll @Size(max = 12) List<@IntRange(max = 2) Integer> b, @ForAll @Size(max = 12) List<@IntRange(max = 2) Integer> q) {
        List<String> bench = lines(b), qemu = lines(q);
        int changed = LineDiff.of(bench, qemu).stream().mapToInt(h -> h.bench().size()).sum();
        assertEquals(lcs(bench, qemu), bench.size() - changed);
    }

    @Property
    void aTextAgreesWithItself(@ForAll @Size(max = 30) List<String> text) {
        assertEquals(List.of(), LineDiff.of(text, text));
    }

    @Test
    void aChangedLineIsOneHunkOfOneLineEachWithItsPlace() {
        assertEquals(List.of(new LineDiff.Hunk(1, List.of("b"), 1, List.of("B"))), LineDiff.of(List.of("a", "b", "c"), List.of("a", "B", "c")));
        assertEquals(List.of(new LineDiff.Hunk(1, List.of(), 1, List.of("x"))), LineDiff.of(List.of("a", "c"), List.of("a", "x", "c")));
    }

    /** The length of a longest common subsequence, by brute recursion (small inputs). */
    private static int lcs(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) return 0;
        if (a.getFirst().equals(b.getFirst())) return 1 + lcs(a.subList(1, a.size()), b.subList(1, b.size()));
        return Math.max(lcs(a.subList(1, a.size()), b), lcs(a, b.subList(1, b.size())));
    }
}
