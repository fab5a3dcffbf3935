package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files inside an ISO, read back with xorriso, and the loader inside its ESP image with mtools:
 * what the build record lists, what a reproducibility check compares, what the release test verifies.
 */
public final class IsoContents {
    /** The name the loader inside the ESP image goes by in a listing. */
    public static final String LOADER = "boot/grub/efi.img:/EFI/BOOT/BOOTX64.EFI";
    static final String ESP = "boot/grub/efi.img";

    private IsoContents() {}

    /** An extracted ISO: its files under {@code files}, the ESP image's under {@code esp}. */
    public record Extracted(Path files, Path esp) {
        public Path loader() { return esp.resolve("EFI/BOOT/BOOTX64.EFI"); }
    }

    /** Extracts {@code iso} into the empty folder {@code dir}. */
    public static Extracted extract(Path iso, Path dir) {
        Tools.require("xorriso", "xorriso");
        Extracted x = new Extracted(dir.resolve("iso"), dir.resolve("esp"));
        Tools.run("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", x.files().toString());
        try {
            makeWritable(x.files());
            Path image = x.files().resolve(ESP);
            if (Files.isRegularFile(image)) {
                Files.createDirectories(x.loader().getParent());
                EfiPartition.extractLoader(image, x.loader());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        return x;
    }

    /** The SHA-256 (hex) of every file inside {@code iso}, by path, sorted. */
    public static Map<String, String> files(Path iso) {
        try {
            Path dir = Files.createTempDirectory("micros-iso");
            try {
                return files(extract(iso, dir));
            } finally {
                Tools.deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(iso + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, String> files(Extracted x) throws IOException {
        Map<String, String> out = new TreeMap<>();
        addTree(x.files(), "", out);
        if (Files.isDirectory(x.esp())) addTree(x.esp(), ESP + ":/", out);
        return out;
    }

    private static void addTree(Path dir, String prefix, Map<String, String> out) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(prefix + dir.relativize(p), sha256(p));
        }
    }

    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** xorriso restores the ISO's read-only modes; the copy is ours to change and delete. */
    private static void makeWritable(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList())
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
