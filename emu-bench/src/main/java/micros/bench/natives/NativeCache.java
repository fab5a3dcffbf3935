package micros.bench.natives;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the natives live: {@code ${MICROS_CACHE:-$HOME/.cache/micros}/natives}, one folder per unpacked
 * package, and a manifest naming the folder and version of each package in use (written last, by
 * {@link NativesSetup}; read by the bindings when they load the libraries).
 */
public final class NativeCache {
    /** One unpacked package. */
    public record Installed(NativePackage pkg, DebianVersion version, Path root) {
        public Path library() { return pkg.library(root); }
    }

    private NativeCache() {}

    public static Path root() {
        String env = System.getenv("MICROS_CACHE");
        Path cache = env != null && !env.isEmpty() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "micros");
        return cache.toAbsolutePath().resolve("natives");
    }

    static Path manifest(Path natives) { return natives.resolve("manifest.properties"); }

    /** The package in use, as the manifest says; a one-line error when setup has not run. */
    public static Installed installed(NativePackage pkg) {
        Path natives = root();
        Map<NativePackage, Installed> all = read(natives);
        Installed i = all.get(pkg);
        if (i == null || !Files.isRegularFile(i.library()))
            throw new IllegalStateException(pkg.debianName() + " is not in " + natives + ": run ./micros setup");
        return i;
    }

    /** The manifest's packages (empty when there is none) and the hash of the lock file it was made from. */
    static Map<NativePackage, Installed> read(Path natives) {
        Map<NativePackage, Installed> out = new EnumMap<>(NativePackage.class);
        Properties p = properties(natives);
        for (NativePackage pkg : NativePackage.values()) {
            String v = p.getProperty(pkg.debianName() + ".version"), dir = p.getProperty(pkg.debianName() + ".root");
            if (v != null && dir != null) out.put(pkg, new Installed(pkg, DebianVersion.parse(v), Path.of(dir)));
        }
        return out;
    }

    static String lockHash(Path natives) { return properties(natives).getProperty("lock.sha256", ""); }

    private static Properties properties(Path natives) {
        Properties p = new Properties();
        Path m = manifest(natives);
        if (!Files.isRegularFile(m)) return p;
        try (Reader r = Files.newBufferedReader(m)) { p.load(r); }
        catch (IOException e) { throw new UncheckedIOException(m + ": " + e.getMessage(), e); }
        return p;
    }

    /** Writes the manifest in one rename, so a reader sees the old one or the new one. */
    static void write(Path natives, String lockHash, Iterable<Installed> packages) {
        StringBuilder s = new StringBuilder("# written by ./micros setup\nlock.sha256=" + lockHash + "\n");
        for (Installed i : packages)
            s.append(i.pkg().debianName()).append(".version=").append(i.version()).append('\n')
             .append(i.pkg().debianName()).append(".root=").append(i.root().toString().replace("\\", "\\\\")).append('\n');
        try {
            Path tmp = Files.createTempFile(natives, "manifest", ".tmp");
            Files.writeString(tmp, s);
            Files.move(tmp, manifest(natives), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(natives + ": cannot write the manifest: " + e.getMessage(), e);
        }
    }
}
