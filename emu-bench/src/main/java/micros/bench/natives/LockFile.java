package micros.bench.natives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock file: {@code package version suite sha256} a line, {@code #} comments. Every native package must
 * appear exactly once.
 */
public final class LockFile {
    private static final String HEADER = """
            # The Debian packages whose libraries the bench loads, fetched into the cache by ./micros setup.
            # package version suite sha256 (re-lock with ./micros setup --relock)
            """;

    private LockFile() {}

    public static List<LockEntry> parse(String name, String text) {
        List<LockEntry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\s+");
            try {
                if (f.length != 4) throw new IllegalArgumentException("expected 'package version suite sha256', got " + f.length + " fields");
                LockEntry e = new LockEntry(NativePackage.named(f[0]), DebianVersion.parse(f[1]), f[2], f[3]);
                if (entries.stream().anyMatch(o -> o.pkg() == e.pkg())) throw new IllegalArgumentException(f[0] + " is locked twice");
                entries.add(e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ":" + (n + 1) + ": " + e.getMessage());
            }
        }
        for (NativePackage p : NativePackage.values())
            if (entries.stream().noneMatch(e -> e.pkg() == p)) throw new IllegalArgumentException(name + ": no line for " + p.debianName());
        return List.copyOf(entries);
    }

    public static List<LockEntry> read(Path file) {
        try { return parse(file.toString(), Files.readString(file)); }
        catch (IOException e) { throw new UncheckedIOException(file + ": cannot read the lock file: " + e.getMessage(), e); }
    }

    public static String format(List<LockEntry> entries) {
        StringBuilder s = new StringBuilder(HEADER);
        for (LockEntry e : entries) s.append(e.line()).append('\n');
        return s.toString();
    }
}
