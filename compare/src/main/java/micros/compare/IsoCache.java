package micros.compare;

import micros.release.IsoBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * GRUB ISOs for QEMU, made by release's {@link IsoBuilder} and kept under a directory by the hash of what
 * goes into them — the kernel, each module and its string, and the builder itself — so that booting the same
 * kernel again costs no grub-mkrescue run.
 */
final class IsoCache {
    private final Path dir;

    IsoCache(Path dir) { this.dir = dir; }

    /** An ISO file, and whether it was made for this call rather than found. */
    record Iso(Path file, boolean made) {}

    /** The ISO for {@code spec}, made now unless an identical one was made before. */
    Iso iso(BootSpec spec) {
        try {
            Path iso = dir.resolve(key(spec) + ".iso");
            if (Files.isRegularFile(iso)) return new Iso(iso, false);
            Files.createDirectories(dir);
            IsoBuilder.build(spec.kernel(), spec.modules().stream().map(m -> new IsoBuilder.Module(m.file(), m.string())).toList(), iso);
            return new Iso(iso, true);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    static String key(BootSpec spec) throws IOException {
        MessageDigest sha = sha256();
        update(sha, Files.readAllBytes(spec.kernel()));
        for (BootSpec.Module m : spec.modules()) {
            update(sha, Files.readAllBytes(m.file()));
            update(sha, m.file().getFileName().toString().getBytes(StandardCharsets.UTF_8));
            update(sha, m.string().getBytes(StandardCharsets.UTF_8));
        }
        update(sha, builderClass()); // a changed grub.cfg or ISO layout makes new ISOs
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** Each part with its length first, so that no two lists of parts hash alike. */
    private static void update(MessageDigest sha, byte[] part) {
        sha.update(java.nio.ByteBuffer.allocate(8).putLong(part.length).array());
        sha.update(part);
    }

    private static byte[] builderClass() throws IOException {
        try (InputStream in = IsoBuilder.class.getResourceAsStream(IsoBuilder.class.getSimpleName() + ".class")) {
            if (in == null) throw new IOException("cannot read " + IsoBuilder.class.getName() + "'s class file");
            return in.readAllBytes();
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
