package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * ISOs kept under a directory by the hash of what goes into them: the kernel, each module with its name and
 * string, the command line, the signing certificate and key id, the date, and release's own class files (a
 * changed grub.cfg or layout makes new ISOs). A second run of the same build costs no grub-mkimage and
 * xorriso run. (compare keeps its GRUB ISOs here too.)
 */
public final class IsoCache {
    private IsoCache() {}

    /** The ISO for {@code spec} in {@code dir}, built now unless an identical one was built before. */
    public static Path iso(IsoBuilder.Spec spec, Path dir) {
        try {
            Path iso = dir.resolve(key(spec) + ".iso");
            if (Files.isRegularFile(iso)) return iso;
            Files.createDirectories(dir);
            return IsoBuilder.build(spec, iso);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    static String key(IsoBuilder.Spec spec) throws IOException {
        MessageDigest sha = sha256();
        update(sha, read(spec.kernel(), "kernel"));
        for (IsoBuilder.Module m : spec.modules()) {
            update(sha, read(m.file(), "boot module"));
            update(sha, m.file().getFileName().toString());
            update(sha, m.string());
        }
        update(sha, spec.cmdline());
        update(sha, Long.toString(spec.date().epochSecond()));
        if (spec.keys().isPresent()) {
            update(sha, read(spec.keys().get().dbCert(), "db certificate"));
            update(sha, spec.keys().get().gpgKey());
        }
        updateWithReleaseCode(sha);
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static byte[] read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) throw new ReleaseException(file + ": " + what + " not found (build it with ./mvnw package)");
        return Files.readAllBytes(file);
    }

    /** Each part with its length first, so that no two lists of parts hash alike. */
    private static void update(MessageDigest sha, byte[] part) {
        sha.update(java.nio.ByteBuffer.allocate(8).putLong(part.length).array());
        sha.update(part);
    }

    private static void update(MessageDigest sha, String part) { update(sha, part.getBytes(StandardCharsets.UTF_8)); }

    /** Every class file of this package (or the jar it is in), by name and content, in a fixed order. */
    private static void updateWithReleaseCode(MessageDigest sha) throws IOException {
        Path code;
        try {
            code = Path.of(IsoCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IOException("cannot locate " + IsoCache.class.getName() + "'s class files", e);
        }
        if (!Files.isDirectory(code)) { update(sha, Files.readAllBytes(code)); return; }
        Path pkg = code.resolve(IsoCache.class.getPackageName().replace('.', '/'));
        try (var files = Files.walk(pkg)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                update(sha, code.relativize(f).toString());
                update(sha, Files.readAllBytes(f));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
