package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.PrintStream;

/**
 * {@code ./micros release}: builds release/ (the signed ISO, the certificate as PEM and DER, the OpenPGP
 * public key, SHA256SUMS and the build record), checks it, and only then replaces what release/ held.
 * The keys come from the options or MICROS_* variables, else from a release key pair kept outside the
 * repository ($MICROS_RELEASE_KEYS, default ~/.cache/micros/release-keys), made there the first time.
 */
public final class ReleaseCommand {
    private ReleaseCommand() {}

    /** Builds, checks and installs release/; 0, or 1 (by exception) when any of it fails. {@code o.plain()} is ignored: a release is signed. */
    public static int run(IsoOptions o, PrintStream out, PrintStream err) throws IOException {
        SigningKeys keys = SigningKeys.from(o.keys(), System.getenv(), ReleaseCommand::releaseKeys);
        IsoBuilder.Spec spec = o.unsignedSpec().signedWith(keys);
        if (spec.modules().isEmpty()) err.println("micros release: warning: no boot module (the memory manager is not built)");
        Path staging = Path.of("release/target/release-staging");
        Tools.deleteTree(staging);
        Files.createDirectories(staging);
        write(spec, keys, staging);
        for (String line : ReleaseCheck.verify(staging)) out.println("micros release: ok: " + line);
        for (String f : ReleaseCheck.FILES) Files.move(staging.resolve(f), Project.RELEASE.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        Files.move(staging.resolve(ReleaseCheck.SUMS), Project.RELEASE.resolve(ReleaseCheck.SUMS), StandardCopyOption.REPLACE_EXISTING);
        out.println("micros release: wrote " + Project.RELEASE.toAbsolutePath() + " (" + Files.size(Project.RELEASE.resolve(ReleaseCheck.ISO)) + " byte ISO)");
        return 0;
    }

    static void write(IsoBuilder.Spec spec, SigningKeys keys, Path dir) throws IOException {
        Path iso = IsoBuilder.build(spec, dir.resolve(ReleaseCheck.ISO));
        Files.copy(keys.dbCert(), dir.resolve(ReleaseCheck.CERT));
        Tools.run("openssl", "x509", "-in", keys.dbCert().toString(), "-outform", "DER", "-out", dir.resolve(ReleaseCheck.CER).toString());
        OpenPgp.exportPublic(keys.gpgHome(), keys.gpgKey(), dir.resolve(ReleaseCheck.PGP));
        Files.writeString(dir.resolve(BuildRecord.FILE), BuildRecord.text(spec, iso, IsoContents.files(iso), keys));
        StringBuilder sums = new StringBuilder();
        for (String f : ReleaseCheck.FILES) sums.append(IsoContents.sha256(dir.resolve(f))).append("  ").append(f).append('\n');
        Files.writeString(dir.resolve(ReleaseCheck.SUMS), sums);
    }

    private static SigningKeys releaseKeys() {
        String where = System.getenv("MICROS_RELEASE_KEYS");
        Path dir = where != null && !where.isBlank() ? Path.of(where) : Path.of(System.getProperty("user.home"), ".cache/micros/release-keys");
        if (!Files.isDirectory(dir)) System.err.println("micros release: making a new release key pair in " + dir + " (keep it; the certificate in release/ changes with it)");
        try {
            return KeyPair.createdOnce(dir, "micros release db key").signingKeys();
        } catch (UncheckedIOException e) {
            throw new ReleaseException(dir + ": " + e.getMessage());
        }
    }
}
