package micros.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-by-line difference of two texts: the runs of lines where they part (a longest common subsequence
 * of lines, between the common start and end, is what they share).
 */
public final class LineDiff {
    /** Lines {@code benchAt}.. of the bench's text stand where QEMU has its lines {@code qemuAt}.. (0-based). */
    public record Hunk(int benchAt, List<String> bench, int qemuAt, List<String> qemu) {}

    /** Past this many cells the middle is not aligned line by line but reported as one hunk. */
    private static final long MAX_TABLE = 4_000_000;

    private LineDiff() {}

    public static List<Hunk> of(List<String> bench, List<String> qemu) {
        int start = 0;
        while (start < bench.size() && start < qemu.size() && bench.get(start).equals(qemu.get(start))) start++;
        int endB = bench.size(), endQ = qemu.size();
        while (endB > start && endQ > start && bench.get(endB - 1).equals(qemu.get(endQ - 1))) { endB--; endQ--; }
        List<String> b = bench.subList(start, endB), q = qemu.subList(start, endQ);
        List<Hunk> hunks = new ArrayList<>();
        if (b.isEmpty() && q.isEmpty()) return hunks;
        if ((long) (b.size() + 1) * (q.size() + 1) > MAX_TABLE) {
            hunks.add(new Hunk(start, List.copyOf(b), start, List.copyOf(q)));
            return hunks;
        }
        // common[i][j]: the longest common subsequence of b[i..] and q[j..]
        int[][] common = new int[b.size() + 1][q.size() + 1];
        for (int i = b.size() - 1; i >= 0; i--)
            for (int j = q.size() - 1; j >= 0; j--)
                common[i][j] = b.get(i).equals(q.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
        int i = 0, j = 0, hunkI = 0, hunkJ = 0;
        while (i < b.size() || j < q.size()) {
            if (i < b.size() && j < q.size() && b.get(i).equals(q.get(j))) {
                addHunk(hunks, b, q, hunkI, i, hunkJ, j, start);
                i++;
                j++;
                hunkI = i;
                hunkJ = j;
            } else if (j == q.size() || i < b.size() && common[i + 1][j] >= common[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        addHunk(hunks, b, q, hunkI, i, hunkJ, j, start);
        return hunks;
    }

    private static void addHunk(List<Hunk> hunks, List<String> b, List<String> q, int fromI, int toI, int fromJ, int toJ, int offset) {
        if (fromI == toI && fromJ == toJ) return;
        hunks.add(new Hunk(offset + fromI, List.copyOf(b.subList(fromI, toI)), offset + fromJ, List.copyOf(q.subList(fromJ, toJ))));
    }
}
