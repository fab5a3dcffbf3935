package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Two builds of one spec, compared byte for byte; a difference is named by the files inside that differ. */
public final class Reproducibility {
    /** The outcome: the ISOs are identical, or these paths inside differ (empty: only the ISO's own structures do). */
    public record Result(boolean identical, List<String> differing, long size) {}

    private Reproducibility() {}

    public static Result check(IsoBuilder.Spec spec, Path dir) {
        try {
            Files.createDirectories(dir);
            Path first = IsoBuilder.build(spec, dir.resolve("first.iso"));
            Path second = IsoBuilder.build(spec, dir.resolve("second.iso"));
            try {
                long size = Files.size(first);
                if (Files.mismatch(first, second) == -1) return new Result(true, List.of(), size);
                return new Result(false, differing(IsoContents.files(first), IsoContents.files(second)), size);
            } finally {
                Files.deleteIfExists(first);
                Files.deleteIfExists(second);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /** The paths present in one listing only, or with different hashes. */
    static List<String> differing(Map<String, String> a, Map<String, String> b) {
        List<String> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String name : names) if (!Objects.equals(a.get(name), b.get(name))) out.add(name);
        return out;
    }
}
